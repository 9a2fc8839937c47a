package io.multirunnable.fao.internal;

import io.multirunnable.fao.SavingStrategy;
import io.multirunnable.fao.WriteMode;
import io.multirunnable.fao.spi.FileFormat;
import io.multirunnable.fao.spi.RowWriter;
import io.multirunnable.fao.spi.SheetCells;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sheets of one {@link SavingStrategy#ONE_SHEET_PER_WORKER} output, one per worker name.
 * The map is guarded by the output's lock; each sheet has its own lock, taken after the
 * output's (never the other way round), so formats that write sheets in parallel are written
 * outside the output's lock.
 */
final class Sheets {
    private static final String SOURCE = "the worker's name, SavingStrategy.ONE_SHEET_PER_WORKER";
    private final Map<String, Sheet> byName = new LinkedHashMap<>();

    /** Refuses formats without sheets and append mode, before anything is written. */
    static void checkFormat(FileFormat format, WriteMode mode) {
        if (!format.supportsSheets()) {
            throw new IllegalArgumentException("format '" + format.name() + "' has no sheets, so it cannot be written with "
                    + "SavingStrategy.ONE_SHEET_PER_WORKER; use an xlsx format (xlsx, xlsx-fastexcel, xlsx-poi) or "
                    + "another strategy");
        }
        if (mode == WriteMode.APPEND) {
            throw new IllegalArgumentException("SavingStrategy.ONE_SHEET_PER_WORKER writes a new workbook and does not "
                    + "support WriteMode.APPEND; use WriteMode.TRUNCATE");
        }
    }

    /** Checks the sheet name of a worker's first save, by Excel's rules (caller holds the output's lock). */
    void check(String name) {
        if (!byName.containsKey(name)) {
            SheetCells.checkSheetName(name, SOURCE, byName.keySet());
        }
    }

    /** The worker's sheet, started in {@code book} on first use (caller holds the output's lock). */
    Sheet get(RowWriter book, String name) throws IOException {
        Sheet s = byName.get(name);
        if (s == null) {
            check(name);
            s = new Sheet(book.sheet(name), name);
            byName.put(name, s);
        }
        return s;
    }

    /** Waits for every sheet's write in progress and refuses later ones (caller holds the output's lock). */
    void closeAll() {
        for (Sheet s : byName.values()) {
            s.lock.lock();
            try {
                s.closed = true;
            } finally {
                s.lock.unlock();
            }
        }
    }

    /** One worker's sheet. */
    static final class Sheet {
        private final RowWriter writer;
        private final String name;
        private final ReentrantLock lock = new ReentrantLock();
        private boolean closed;

        Sheet(RowWriter writer, String name) {
            this.writer = writer;
            this.name = name;
        }

        void write(List<List<?>> rows, String output) throws IOException {
            lock.lock();
            try {
                if (closed) {
                    throw new IllegalStateException("output " + output + " was closed or discarded while sheet '" + name
                            + "' was being written");
                }
                for (List<?> row : rows) {
                    writer.write(row);
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
