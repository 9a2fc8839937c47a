package io.multirunnable.tests.persistence;

/**
 * Run in a child JVM (class path, small heap) by {@link StreamingLowHeapTest}: reads the
 * 5,000,000-row table through a cursor with the fetch size given and prints {@code ok <result>},
 * or {@code failed} and the exception chain (exit status 3) when the read throws, e.g. for want of
 * memory without streaming.
 */
public final class StreamingProbe {
    private StreamingProbe() {
    }

    /**
     * Args: a JDBC URL, a fetch size ({@code -1} = the cursor's default).
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        try {
            System.out.println("ok " + FiveMillionRows.read(args[0], Integer.parseInt(args[1])));
        } catch (Throwable t) {
            System.out.println("failed");
            for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
                System.out.println("  " + c.getClass().getName() + ": " + c.getMessage());
            }
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }
    }
}
