package io.multirunnable.fao.excel.internal;

import io.multirunnable.fao.spi.FileFormat;
import io.multirunnable.fao.spi.FormatSettings;
import io.multirunnable.fao.spi.RowWriter;
import io.multirunnable.fao.spi.Values;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.model.SharedStringsTable;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * xlsx with Apache POI's streaming SXSSF: only {@value #WINDOW} rows are kept in memory, the
 * rest go to a temporary file, so a million rows need little heap. One sheet, {@code Sheet1};
 * the header is the first row.
 *
 * <p>Values: {@code null}, and a value whose {@code toString()} returns null → no cell; text
 * → text cell (at most 32,767 characters, else {@link IllegalArgumentException} naming the row
 * and column; with formula protection, a text whose guard quote would take it over the limit is
 * refused with that reason rather than cut or written unguarded); {@code Integer}/{@code Short}/{@code Byte}, {@code Long}
 * within ±2^53, {@code Float}/{@code Double} and {@link BigDecimal} of at most 15 digits →
 * numeric cells (other numbers as exact text, non-finite doubles as text); booleans → boolean
 * cells; {@link LocalDate} and {@link LocalDateTime} → date cells ({@code yyyy-mm-dd},
 * {@code yyyy-mm-dd hh:mm:ss}; Excel keeps millisecond precision); other values → text by
 * {@link Values#text} (other {@code CharSequence}s, arrays element by element, no JVM identity
 * strings), guarded against formulas like every text cell, header included.
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
        CellRangeAddress old = null;
        if (existing == null) {
            wb = Workbook.of(null, settings);
            sheet = wb.createSheet("Sheet1");
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
        } catch (IOException | RuntimeException e) {
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

    private static final class XlsxWriter implements RowWriter {
        private final SXSSFWorkbook wb;
        private final Sheet sheet;
        private final OutputStream out;
        private final FormatSettings settings;
        private final CellStyle dateStyle;
        private final CellStyle dateTimeStyle;
        /** The range the existing sheet used before an append, or {@code null}. */
        private final CellRangeAddress old;
        private final int firstNew;
        private int next;
        private int lastCol = -1;

        XlsxWriter(SXSSFWorkbook wb, Sheet sheet, int next, CellRangeAddress old, OutputStream out, FormatSettings settings)
                throws IOException {
            this.wb = wb;
            this.sheet = sheet;
            this.next = next;
            this.firstNew = next;
            this.old = old;
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
                    cell(row, i, v);
                }
            }
            lastCol = Math.max(lastCol, values.size() - 1);
        }

        private void cell(Row row, int column, Object v) {
            if (!(v instanceof Number) && !(v instanceof Boolean) && !(v instanceof LocalDate) && !(v instanceof LocalDateTime)) {
                String text = settings.cellText(v);
                if (text != null) { // a toString() returning null is no cell, as null is
                    text(row, column, text, v);
                }
                return;
            }
            Cell cell = row.createCell(column);
            if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
                cell.setCellValue(((Number) v).intValue());
            } else if (v instanceof Long l && l >= -MAX_EXACT_LONG && l <= MAX_EXACT_LONG) {
                cell.setCellValue(l);
            } else if ((v instanceof Double || v instanceof Float) && Double.isFinite(((Number) v).doubleValue())) {
                cell.setCellValue(v instanceof Float f ? Double.parseDouble(f.toString()) : (Double) v);
            } else if (v instanceof BigDecimal bd && bd.precision() <= 15) {
                cell.setCellValue(bd.doubleValue());
            } else if (v instanceof BigDecimal bd) {
                text(row, column, bd.toPlainString(), v);
            } else if (v instanceof Number) {
                text(row, column, v.toString(), v);
            } else if (v instanceof Boolean b) {
                cell.setCellValue(b);
            } else if (v instanceof LocalDateTime dt) {
                cell.setCellValue(dt);
                cell.setCellStyle(dateTimeStyle);
            } else {
                LocalDate d = (LocalDate) v;
                cell.setCellValue(d);
                cell.setCellStyle(dateStyle);
            }
        }

        /**
         * A text cell. Text over Excel's limit is refused, naming the cell; a text that fits only
         * without the quote formula protection adds is refused too, with that reason: cutting it
         * would change the data silently, and writing it unguarded would defeat the protection.
         */
        private void text(Row row, int column, String s, Object value) {
            if (s.length() > MAX_TEXT) {
                String where = "row " + (row.getRowNum() + 1) + ", column " + CellReference.convertNumToColString(column)
                        + (column < settings.header().size() ? " ('" + settings.header().get(column) + "')" : "");
                String original = Values.text(value);
                if (original.length() <= MAX_TEXT) {
                    throw new IllegalArgumentException("an xlsx cell holds at most " + MAX_TEXT + " characters; the text at "
                            + where + " has " + original.length() + " but starts with a formula trigger, and formula "
                            + "protection's leading ' makes it " + s.length() + "; shorten it or turn formula protection off");
                }
                throw new IllegalArgumentException("an xlsx cell holds at most " + MAX_TEXT + " characters but the text at "
                        + where + " has " + s.length());
            }
            row.createCell(column).setCellValue(s);
        }

        @Override
        public void close() throws IOException {
            try (out) {
                if (next > 0) {
                    // SXSSF derives <dimension> from the rows it wrote itself, which after an append
                    // starts at the first new row (A4:B5 instead of A1:B5); readers trusting it skip rows
                    wb.setShouldCalculateSheetDimensions(false);
                    int firstRow = old != null ? Math.min(old.getFirstRow(), firstNew) : firstNew;
                    int firstCol = old != null ? Math.min(old.getFirstColumn(), 0) : 0;
                    int last = Math.max(lastCol, old != null ? old.getLastColumn() : 0);
                    wb.getXSSFWorkbook().getSheetAt(0).setDimensionOverride(
                            new CellRangeAddress(firstRow, next - 1, firstCol, Math.max(last, firstCol)));
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
}
