package io.multirunnable.fao.excel.internal;

import io.multirunnable.fao.spi.FileFormat;
import io.multirunnable.fao.spi.FormatSettings;
import io.multirunnable.fao.spi.RowWriter;
import io.multirunnable.fao.spi.SheetCells;
import io.multirunnable.fao.spi.Values;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.model.SharedStringsTable;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * xlsx with Apache POI's streaming SXSSF, format {@code xlsx-poi} (also {@code xlsx} when
 * {@code xlsx-fastexcel} is not installed): only {@value #WINDOW} rows of a sheet are kept in
 * memory, the rest go to a temporary file, so a million rows need little heap. One sheet,
 * {@code Sheet1}, the header first; with {@code ONE_SHEET_PER_WORKER} one sheet per worker,
 * written one at a time (POI's workbook is not thread-safe).
 *
 * <p>Cells by {@link SheetCells} (the same as every xlsx format): numbers, booleans, dates,
 * text (at most 32,767 characters; by {@link Values#text}, guarded against formulas like every
 * text cell, header included), no cell for null.
 *
 * <p>SXSSF's row buffer files go beside the target file (hidden, named after it) instead of
 * {@code java.io.tmpdir}, and are deleted when the writer is closed or aborted; if the JVM dies,
 * the next save of the same target removes them.
 *
 * <p>Append: the existing workbook is read (fully, into memory) and the new rows follow the
 * last row of its first sheet, without repeating the header. At most 1,048,576 rows per sheet;
 * a row beyond fails the save.
 */
public final class XlsxFormat implements FileFormat {
    static final int WINDOW = 100;

    /** For {@link java.util.ServiceLoader}. */
    public XlsxFormat() {
    }

    @Override
    public String name() {
        return "xlsx-poi";
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
    public boolean supportsSheets() {
        return true;
    }

    @Override
    public RowWriter open(OutputStream out, InputStream existing, FormatSettings settings) throws IOException {
        SXSSFWorkbook wb;
        Sheet sheet;
        int next;
        CellRangeAddress old = null;
        if (existing == null) {
            wb = Workbook.of(null, settings);
            sheet = null; // made by the first row, or at close if no sheet was made (ONE_SHEET_PER_WORKER makes its own)
            next = 0;
        } else {
            XSSFWorkbook template = new XSSFWorkbook(existing);
            if (template.getNumberOfSheets() == 0) {
                template.createSheet("Sheet1");
            }
            XSSFSheet first = template.getSheetAt(0);
            next = first.getPhysicalNumberOfRows() == 0 ? 0 : first.getLastRowNum() + 1;
            old = next == 0 ? null : usedRange(first);
            wb = Workbook.of(template, settings);
            sheet = wb.getSheetAt(0);
        }
        try {
            return new XlsxWriter(wb, sheet, next, old, out, settings);
        } catch (RuntimeException e) {
            wb.close(); // deletes the row buffer file
            throw e;
        }
    }

    /** The cells an existing sheet uses, for the {@code <dimension>} of the appended sheet. */
    private static CellRangeAddress usedRange(XSSFSheet sheet) {
        int firstCol = Integer.MAX_VALUE;
        int lastCol = -1;
        for (Row r : sheet) {
            if (r.getFirstCellNum() >= 0) {
                firstCol = Math.min(firstCol, r.getFirstCellNum());
                lastCol = Math.max(lastCol, r.getLastCellNum() - 1); // getLastCellNum is one past
            }
        }
        return lastCol < 0 ? null : new CellRangeAddress(sheet.getFirstRowNum(), sheet.getLastRowNum(), firstCol, lastCol);
    }

    /**
     * SXSSF whose row buffer files go beside the target, named after it (see
     * {@link FormatSettings#createTempFile}), instead of POI's {@code poi-sxssf-sheet*.xml} in
     * {@code java.io.tmpdir}: a killed JVM's buffers are then removed by the next save of the
     * same target, and they count against the target's disk, where a full disk is reported.
     */
    private static final class Workbook extends SXSSFWorkbook {
        /** The settings while the super constructor runs (it makes the template's sheets' writers). */
        private static final ThreadLocal<FormatSettings> OPENING = new ThreadLocal<>();
        private final FormatSettings settings;

        private Workbook(XSSFWorkbook template, FormatSettings settings) {
            super(template, WINDOW);
            this.settings = settings;
        }

        static Workbook of(XSSFWorkbook template, FormatSettings settings) {
            OPENING.set(settings);
            try {
                return new Workbook(template, settings);
            } finally {
                OPENING.remove();
            }
        }

        @Override
        protected SheetDataWriter createSheetDataWriter() throws IOException {
            FormatSettings fs = settings != null ? settings : OPENING.get();
            return new SheetDataWriter((SharedStringsTable) null) {
                @Override
                public File createTempFile() throws IOException {
                    // called from the super constructor: only the captured local is set yet
                    return fs.createTempFile("sxssf").toFile();
                }
            };
        }
    }

    /** The two date styles, made once per workbook. */
    private record Styles(CellStyle date, CellStyle dateTime) {
        static Styles of(SXSSFWorkbook wb) {
            var formats = wb.getCreationHelper().createDataFormat();
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(formats.getFormat(SheetCells.DATE_FORMAT));
            CellStyle dateTime = wb.createCellStyle();
            dateTime.setDataFormat(formats.getFormat(SheetCells.DATE_TIME_FORMAT));
            return new Styles(date, dateTime);
        }
    }

    /** The workbook: its first sheet (made by the first row, or at close), or the named sheets. */
    private static final class XlsxWriter implements RowWriter {
        private final SXSSFWorkbook wb;
        private final OutputStream out;
        private final FormatSettings settings;
        private final Styles styles;
        /** The range the existing sheet used before an append, or {@code null}. */
        private final CellRangeAddress old;
        private final List<SheetWriter> sheets = new ArrayList<>();
        private SheetWriter first;

        XlsxWriter(SXSSFWorkbook wb, Sheet sheet, int next, CellRangeAddress old, OutputStream out, FormatSettings settings) {
            this.wb = wb;
            this.old = old;
            this.out = out;
            this.settings = settings;
            this.styles = Styles.of(wb);
            if (sheet != null) {
                first = new SheetWriter(sheet, next, settings, styles);
                sheets.add(first);
            }
        }

        @Override
        public void write(List<?> values) throws IOException {
            if (first == null) {
                first = new SheetWriter(wb.createSheet("Sheet1"), 0, settings, styles);
                sheets.add(first);
            }
            first.write(values);
        }

        @Override
        public RowWriter sheet(String name) {
            SheetWriter s = new SheetWriter(wb.createSheet(name), 0, settings, styles);
            sheets.add(s);
            return s;
        }

        @Override
        public void close() throws IOException {
            try (out) {
                if (sheets.isEmpty()) { // a workbook needs a sheet: the header alone
                    first = new SheetWriter(wb.createSheet("Sheet1"), 0, settings, styles);
                    sheets.add(first);
                }
                // SXSSF derives <dimension> from the rows it wrote itself, which after an append
                // starts at the first new row (A4:B5 instead of A1:B5); readers trusting it skip rows
                wb.setShouldCalculateSheetDimensions(false);
                for (int i = 0; i < sheets.size(); i++) {
                    SheetWriter s = sheets.get(i);
                    if (s.next > 0) {
                        CellRangeAddress before = i == 0 ? old : null;
                        int firstRow = before != null ? Math.min(before.getFirstRow(), s.firstNew) : s.firstNew;
                        int firstCol = before != null ? Math.min(before.getFirstColumn(), 0) : 0;
                        int last = Math.max(s.lastCol, before != null ? before.getLastColumn() : 0);
                        wb.getXSSFWorkbook().getSheetAt(i).setDimensionOverride(
                                new CellRangeAddress(firstRow, s.next - 1, firstCol, Math.max(last, firstCol)));
                    }
                }
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

    /** One sheet's rows. */
    private static final class SheetWriter implements RowWriter {
        private final Sheet sheet;
        private final FormatSettings settings;
        private final Styles styles;
        private final int firstNew;
        private int next;
        private int lastCol = -1;

        SheetWriter(Sheet sheet, int next, FormatSettings settings, Styles styles) {
            this.sheet = sheet;
            this.next = next;
            this.firstNew = next;
            this.settings = settings;
            this.styles = styles;
            if (next == 0 && !settings.header().isEmpty()) {
                write(settings.header());
            }
        }

        @Override
        public void write(List<?> values) {
            if (next >= SheetCells.MAX_ROWS) {
                throw new IllegalArgumentException("an xlsx sheet holds at most " + SheetCells.MAX_ROWS + " rows (header included)");
            }
            Row row = sheet.createRow(next++);
            for (int i = 0; i < values.size(); i++) {
                cell(row, i, values.get(i));
            }
            lastCol = Math.max(lastCol, values.size() - 1);
        }

        private void cell(Row row, int column, Object v) {
            Object c = SheetCells.cell(v, settings, row.getRowNum(), column);
            if (c == null) {
                return; // null, or a toString() returning null: no cell
            }
            Cell cell = row.createCell(column);
            if (c instanceof String text) {
                cell.setCellValue(text);
            } else if (c instanceof Double d) {
                cell.setCellValue(d);
            } else if (c instanceof Boolean b) {
                cell.setCellValue(b);
            } else if (c instanceof LocalDateTime dt) {
                cell.setCellValue(dt);
                cell.setCellStyle(styles.dateTime);
            } else {
                cell.setCellValue((LocalDate) c);
                cell.setCellStyle(styles.date);
            }
        }

        @Override
        public void close() {
            // the workbook completes its sheets
        }

        @Override
        public void abort() {
            // the workbook's abort releases everything
        }
    }
}
