package io.multirunnable.tests.fao;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads files back with libraries independent of the code under test's write path: commons-csv's
 * parser, Jackson's tree model, POI's XSSF (DOM) reader, java.util.zip. Every value comes back as
 * text (or {@code null}) so formats can be compared.
 */
final class ReadBack {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private ReadBack() {
    }

    /** A file's header (empty if none expected) and rows of text values. */
    record Table(List<String> header, List<List<String>> rows) {
    }

    static Table read(String format, Path file, boolean hasHeader) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(format, in, hasHeader);
        }
    }

    static Table read(String format, InputStream in, boolean hasHeader) throws IOException {
        return switch (format) {
            case "csv" -> csv(in, hasHeader);
            case "json" -> json(in, hasHeader);
            case "jsonl" -> jsonl(in, hasHeader);
            case "xlsx", "xlsx-poi", "xlsx-fastexcel" -> xlsx(in, hasHeader);
            default -> throw new IllegalArgumentException(format);
        };
    }

    /** Every entry of a zip archive, read with java.util.zip. */
    static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    static Table read(String format, byte[] bytes, boolean hasHeader) throws IOException {
        return read(format, new ByteArrayInputStream(bytes), hasHeader);
    }

    private static Table csv(InputStream in, boolean hasHeader) throws IOException {
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
        List<String> header = List.of();
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser p = CSVFormat.DEFAULT.parse(r)) {
            for (CSVRecord rec : p) {
                List<String> values = rec.toList();
                if (hasHeader && header.isEmpty() && rows.isEmpty()) {
                    header = values;
                } else {
                    rows.add(values);
                }
            }
        }
        return new Table(header, rows);
    }

    private static Table json(InputStream in, boolean hasHeader) throws IOException {
        JsonNode root = JSON.readTree(in);
        if (!root.isArray()) {
            throw new IOException("not a JSON array: " + root.getNodeType());
        }
        return fromNodes(root.iterator(), hasHeader);
    }

    private static Table jsonl(InputStream in, boolean hasHeader) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                nodes.add(JSON.readTree(line));
            }
        }
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IOException("JSON Lines file does not end with a line break");
        }
        return fromNodes(nodes.iterator(), hasHeader);
    }

    private static Table fromNodes(Iterator<JsonNode> it, boolean hasHeader) throws IOException {
        List<String> header = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        while (it.hasNext()) {
            JsonNode n = it.next();
            List<String> values = new ArrayList<>();
            if (n.isObject()) {
                if (!hasHeader) {
                    throw new IOException("object row but no header expected: " + n);
                }
                List<String> names = new ArrayList<>();
                n.fieldNames().forEachRemaining(names::add);
                if (header.isEmpty()) {
                    header.addAll(names);
                } else if (!header.equals(names)) {
                    throw new IOException("row keys " + names + " differ from " + header);
                }
                n.elements().forEachRemaining(v -> values.add(text(v)));
            } else if (n.isArray()) {
                n.elements().forEachRemaining(v -> values.add(text(v)));
            } else {
                throw new IOException("row is neither object nor array: " + n);
            }
            rows.add(values);
        }
        return new Table(header, rows);
    }

    private static String text(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static Table xlsx(InputStream in, boolean hasHeader) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet sheet = wb.getSheetAt(0);
            List<String> header = List.of();
            List<List<String>> rows = new ArrayList<>();
            int width = 0;
            for (Row row : sheet) {
                width = Math.max(width, row.getLastCellNum());
            }
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> values = new ArrayList<>();
                for (int c = 0; c < width; c++) {
                    values.add(row == null ? null : cell(row.getCell(c)));
                }
                if (hasHeader && r == 0) {
                    header = values;
                } else {
                    rows.add(values);
                }
            }
            return new Table(header, rows);
        }
    }

    static String cell(Cell cell) {
        if (cell == null || cell.getCellType() == CellType.BLANK) {
            return null;
        }
        return switch (cell.getCellType()) {
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(cell)) {
                    var dt = cell.getLocalDateTimeCellValue();
                    yield dt.toLocalTime().toSecondOfDay() == 0 && dt.getNano() == 0
                            && cell.getCellStyle().getDataFormatString().equals("yyyy-mm-dd")
                            ? dt.toLocalDate().toString() : dt.toString();
                }
                double d = cell.getNumericCellValue();
                yield d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
            }
            default -> throw new IllegalStateException("unexpected cell type " + cell.getCellType());
        };
    }

    /** Files (not directories) in {@code dir} whose name starts with a dot: leftover temporary files. */
    static List<Path> hiddenFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }
}
