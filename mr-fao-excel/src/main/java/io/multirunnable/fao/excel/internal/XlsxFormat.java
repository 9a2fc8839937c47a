package io.multirunnable.fao.excel.internal;

import io.multirunnable.fao.spi.FileFormat;
import io.multirunnable.fao.spi.FormatSettings;
import io.multirunnable.fao.spi.RowWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * xlsx with Apache POI's streaming SXSSF: only {@value #WINDOW} rows are kept in memory, the
 * rest go to a temporary file, so a million rows need little heap. One sheet, {@code Sheet1};
 * the header is the first row.
 *
 * <p>Values: {@code null} → no cell; text → text cell (at most 32,767 characters, else
 * {@link IllegalArgumentException}); {@code Integer}/{@code Short}/{@code Byte}, {@code Long}
 * within ±2^53, {@code Float}/{@code Double} and {@link BigDecimal} of at most 15 digits →
 * numeric cells (other numbers as exact text, non-finite doubles as text); booleans → boolean
 * cells; {@link LocalDate} and {@link LocalDateTime} → date cells ({@code yyyy-mm-dd},
 * {@code yyyy-mm-dd hh:mm:ss}; Excel keeps millisecond precision); other values → text of
 * their {@code toString()}.
 *
 * <p>Append: the existing workbook is read (fully, into memory) and the new rows follow the
 * last row of its first sheet, without repeating the header. At most 1,048,576 rows per sheet;
 * a row beyond fails the save.
 */
public final class XlsxFormat implements FileFormat {
    static final int WINDOW = 100;
    private static final int MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();
    private static final int MAX_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();
    private static final long MAX_EXACT_LONG = 1L << 53;

    /** For {@link java.util.ServiceLoader}. */
    public XlsxFormat() {
    }

    @Override
    public String name() {
        return "xlsx";
    }

    @Override
    public String extension() {
        return "xlsx";
    }

    @Override
    public boolean supportsAppend() {
        return true;
    }

    @Override
    public RowWriter open(OutputStream out, InputStream existing, FormatSettings settings) throws IOException {
        SXSSFWorkbook wb;
        Sheet sheet;
        int next;
        if (existing == null) {
            wb = new SXSSFWorkbook(WINDOW);
            sheet = wb.createSheet("Sheet1");
            next = 0;
        } else {
            XSSFWorkbook template = new XSSFWorkbook(existing);
            if (template.getNumberOfSheets() == 0) {
                template.createSheet("Sheet1");
            }
            XSSFSheet first = template.getSheetAt(0);
            next = first.getPhysicalNumberOfRows() == 0 ? 0 : first.getLastRowNum() + 1;
            wb = new SXSSFWorkbook(template, WINDOW);
            sheet = wb.getSheetAt(0);
        }
        return new XlsxWriter(wb, sheet, next, out, settings);
    }

    private static final class XlsxWriter implements RowWriter {
        private final SXSSFWorkbook wb;
        private final Sheet sheet;
        private final OutputStream out;
        private final FormatSettings settings;
        private final CellStyle dateStyle;
        private final CellStyle dateTimeStyle;
        private int next;

        XlsxWriter(SXSSFWorkbook wb, Sheet sheet, int next, OutputStream out, FormatSettings settings) throws IOException {
            this.wb = wb;
            this.sheet = sheet;
            this.next = next;
            this.out = out;
            this.settings = settings;
            var formats = wb.getCreationHelper().createDataFormat();
            dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(formats.getFormat("yyyy-mm-dd"));
            dateTimeStyle = wb.createCellStyle();
            dateTimeStyle.setDataFormat(formats.getFormat("yyyy-mm-dd hh:mm:ss"));
            if (next == 0 && !settings.header().isEmpty()) {
                write(settings.header());
            }
        }

        @Override
        public void write(List<?> values) throws IOException {
            if (next >= MAX_ROWS) {
                throw new IllegalArgumentException("an xlsx sheet holds at most " + MAX_ROWS + " rows (header included)");
            }
            Row row = sheet.createRow(next++);
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                if (v != null) {
                    cell(row.createCell(i), v);
                }
            }
        }

        private void cell(Cell cell, Object v) {
            if (v instanceof String s) {
                text(cell, settings.guard(s));
            } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
                cell.setCellValue(((Number) v).intValue());
            } else if (v instanceof Long l && l >= -MAX_EXACT_LONG && l <= MAX_EXACT_LONG) {
                cell.setCellValue(l);
            } else if ((v instanceof Double || v instanceof Float) && Double.isFinite(((Number) v).doubleValue())) {
                cell.setCellValue(v instanceof Float f ? Double.parseDouble(f.toString()) : (Double) v);
            } else if (v instanceof BigDecimal bd && bd.precision() <= 15) {
                cell.setCellValue(bd.doubleValue());
            } else if (v instanceof BigDecimal bd) {
                text(cell, bd.toPlainString());
            } else if (v instanceof BigInteger || v instanceof Number) {
                text(cell, v.toString());
            } else if (v instanceof Boolean b) {
                cell.setCellValue(b);
            } else if (v instanceof LocalDateTime dt) {
                cell.setCellValue(dt);
                cell.setCellStyle(dateTimeStyle);
            } else if (v instanceof LocalDate d) {
                cell.setCellValue(d);
                cell.setCellStyle(dateStyle);
            } else {
                text(cell, settings.guard(v.toString()));
            }
        }

        private static void text(Cell cell, String s) {
            if (s.length() > MAX_TEXT) {
                throw new IllegalArgumentException("an xlsx cell holds at most " + MAX_TEXT + " characters but a value had "
                        + s.length());
            }
            cell.setCellValue(s);
        }

        @Override
        public void close() throws IOException {
            try (out) {
                wb.write(out);
            } finally {
                wb.close();
            }
        }

        @Override
        public void abort() {
            try {
                wb.close();
            } catch (IOException | RuntimeException ignored) {
                // discarded
            }
            try {
                out.close();
            } catch (IOException ignored) {
                // discarded
            }
        }
    }
}
