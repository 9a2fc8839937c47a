package io.multirunnable.examples;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A one-line progress bar redrawn every 100 ms on a terminal (carriage return, no newline);
 * workers only bump counters, so drawing never slows them. Off when not on a terminal.
 */
final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final long total;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final ScheduledExecutorService ticker;
    private final long startNanos = System.nanoTime();
    private final ReentrantLock printing = new ReentrantLock();

    ProgressBar(PrintStream out, long total, boolean enabled) {
        this.out = out;
        this.total = total;
        if (enabled) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("progress").unstarted(r));
            ticker.scheduleAtFixedRate(this::draw, 0, 100, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    void step(long fileBytes) {
        bytes.addAndGet(fileBytes);
        done.incrementAndGet();
    }

    String line() {
        long d = done.get();
        int filled = total == 0 ? WIDTH : (int) (WIDTH * d / total);
        double secs = (System.nanoTime() - startNanos) / 1e9;
        return String.format(Locale.ROOT, "[%s%s] %d/%d files  %s  %.1fs", "#".repeat(filled), ".".repeat(WIDTH - filled),
                d, total, human(bytes.get()), secs);
    }

    /**
     * {@code true} when standard output is a terminal. From JDK 22 {@code System.console()} is
     * non-null even when output is redirected, so ask {@code Console.isTerminal()} where it exists.
     */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only for a terminal
        }
    }

    /** 1536 -> "1.5 KiB". */
    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** Prints a message on its own line; on a terminal the bar is cleared first and redrawn after. */
    void log(String message) {
        printing.lock();
        try {
            if (ticker != null) {
                out.print("\r" + " ".repeat(line().length()) + "\r");
            }
            out.println(message);
            if (ticker != null) {
                out.print(line());
            }
            out.flush();
        } finally {
            printing.unlock();
        }
    }

    private void draw() {
        printing.lock();
        try {
            out.print("\r" + line());
            out.flush();
        } finally {
            printing.unlock();
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            draw();
            out.println();
        }
    }
}
