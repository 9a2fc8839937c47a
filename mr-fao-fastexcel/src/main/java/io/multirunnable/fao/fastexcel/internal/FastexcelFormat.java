package io.multirunnable.fao.fastexcel.internal;

import io.multirunnable.fao.spi.FileFormat;
import io.multirunnable.fao.spi.FormatSettings;
import io.multirunnable.fao.spi.RowWriter;
import io.multirunnable.fao.spi.SheetCells;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * xlsx with fastexcel ({@code org.dhatim.fastexcel}): format {@code xlsx-fastexcel}. The same
 * cells as {@code xlsx-poi}, by {@link SheetCells}: numbers, booleans, dates
 * ({@value SheetCells#DATE_FORMAT}, {@value SheetCells#DATE_TIME_FORMAT}), inline text (no shared
 * string table, so memory does not grow with distinct strings), no cell for null.
 *
 * <p>One sheet ({@code Sheet1}) per file, header first: rows go to the file every
 * {@value #WINDOW} rows, so memory stays small whatever the row count. With
 * {@code ONE_SHEET_PER_WORKER}, each worker fills its own sheet at the same time as the others
 * (fastexcel's model); a workbook streams one sheet at a time, so those sheets are held in
 * memory until {@code close()} (about 100 bytes per cell) and then written one after another.
 *
 * <p>No append: fastexcel cannot read an existing workbook ({@code WriteMode.APPEND} is refused;
 * use {@code xlsx-poi} for it).
 */
public final class FastexcelFormat implements FileFormat {
    static final int WINDOW = 1000;

    /** For {@link java.util.ServiceLoader}. */
    public FastexcelFormat() {
    }

    @Override
    public String name() {
        return "xlsx-fastexcel";
    }

    @Override
    public String extension() {
        return "xlsx";
    }

    @Override
    public boolean supportsAppend() {
        return false;
    }

    @Override
    public boolean supportsSheets() {
        return true;
    }

    @Override
    public boolean writesSheetsInParallel() {
        return true;
    }

    @Override
    public RowWriter open(OutputStream out, InputStream existing, FormatSettings settings) throws IOException {
        if (existing != null) {
            throw new IllegalArgumentException("format 'xlsx-fastexcel' cannot append to an existing workbook "
                    + "(fastexcel only writes); use WriteMode.TRUNCATE, or format 'xlsx-poi', which can append");
        }
        return new Book(out, settings);
    }

    /** The workbook: its default sheet, or the sheets of {@code ONE_SHEET_PER_WORKER}. */
    private static final class Book implements RowWriter {
        private final OutputStream out;
        private final Workbook wb;
        private final FormatSettings settings;
        private final List<Sheet> sheets = new ArrayList<>();
        private Sheet single;

        Book(OutputStream out, FormatSettings settings) {
            this.out = out;
            this.settings = settings;
            this.wb = new Workbook(out, "MultiRunnable", null);
        }

        @Override
        public void write(List<?> row) throws IOException {
            if (single == null) {
                single = new Sheet(wb.newWorksheet("Sheet1"), settings, true);
                sheets.add(single);
            }
            single.write(row);
        }

        @Override
        public RowWriter sheet(String name) throws IOException {
            synchronized (sheets) { // fastexcel makes sheets under its own lock; this keeps our list in step
                Sheet s = new Sheet(wb.newWorksheet(name), settings, false);
                sheets.add(s);
                return s;
            }
        }

        @Override
        public void close() throws IOException {
            try (out) {
                if (sheets.isEmpty()) {
                    write(null);
                }
                for (Sheet s : sheets) {
                    s.finish();
                }
                wb.finish();
            }
        }

        @Override
        public void abort() {
            try {
                out.close(); // fastexcel holds nothing else outside the heap
            } catch (IOException ignored) {
                // discarded
            }
        }
    }

    /** One sheet. */
    private static final class Sheet implements RowWriter {
        private static final int NONE = 0;
        private static final int DATE = 1;
        private static final int DATE_TIME = 2;
        private final Worksheet ws;
        private final FormatSettings settings;
        private final boolean streaming;
        private int next;
        /** Per column: the kind of the date run being collected, its first and last row. */
        private int[] runKind = new int[8];
        private int[] runStart = new int[8];
        private int[] runEnd = new int[8];

        Sheet(Worksheet ws, FormatSettings settings, boolean streaming) throws IOException {
            this.ws = ws;
            this.settings = settings;
            this.streaming = streaming;
            if (!settings.header().isEmpty()) {
                write(settings.header());
            }
        }

        @Override
        public void write(List<?> values) throws IOException {
            if (values == null) {
                return; // the empty default sheet of a workbook without rows
            }
            if (next >= SheetCells.MAX_ROWS) {
                throw new IllegalArgumentException("an xlsx sheet holds at most " + SheetCells.MAX_ROWS
                        + " rows (header included)");
            }
            int r = next;
            boolean empty = true;
            for (int c = 0; c < values.size(); c++) {
                Object v = SheetCells.cell(values.get(c), settings, r, c);
                empty &= v == null;
                if (v instanceof String s) {
                    ws.inlineString(r, c, s);
                } else if (v instanceof Double d) {
                    ws.value(r, c, d);
                } else if (v instanceof Boolean b) {
                    ws.value(r, c, b);
                } else if (v instanceof LocalDate d) {
                    ws.value(r, c, d);
                    dated(r, c, DATE);
                } else if (v instanceof LocalDateTime dt) {
                    ws.value(r, c, dt);
                    dated(r, c, DATE_TIME);
                }
            }
            if (empty) {
                ws.value(r, 0, (Boolean) null); // an empty <row>, as POI writes it: readers count the row
            }
            next++;
            if (streaming && next % WINDOW == 0) {
                flush();
            }
        }

        /**
         * Marks a date cell. Styling cell by cell costs fastexcel a style merge each (about half
         * of the write time of a date column), so runs of date cells in a column get their number
         * format as one range when the run ends, before the rows are flushed.
         */
        private void dated(int r, int c, int kind) {
            if (c >= runKind.length) {
                int n = Math.max(c + 1, runKind.length * 2);
                runKind = Arrays.copyOf(runKind, n);
                runStart = Arrays.copyOf(runStart, n);
                runEnd = Arrays.copyOf(runEnd, n);
            }
            if (runKind[c] == kind && runEnd[c] == r - 1) {
                runEnd[c] = r;
                return;
            }
            endRun(c);
            runKind[c] = kind;
            runStart[c] = r;
            runEnd[c] = r;
        }

        private void endRun(int c) {
            if (runKind[c] != NONE) {
                ws.range(runStart[c], c, runEnd[c], c).style()
                        .format(runKind[c] == DATE ? SheetCells.DATE_FORMAT : SheetCells.DATE_TIME_FORMAT).set();
                runKind[c] = NONE;
            }
        }

        /** Styles the open date runs and writes the rows so far to the file. */
        void flush() throws IOException {
            for (int c = 0; c < runKind.length; c++) {
                endRun(c);
            }
            ws.flush();
        }

        /** Styles the open date runs and completes the sheet. */
        void finish() throws IOException {
            for (int c = 0; c < runKind.length; c++) {
                endRun(c);
            }
            ws.finish();
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
