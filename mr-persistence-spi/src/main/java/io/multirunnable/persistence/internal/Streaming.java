package io.multirunnable.persistence.internal;

import io.multirunnable.persistence.spi.DatabaseDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes a statement stream its result through the driver plugin's hooks
 * ({@link DatabaseDriver#streamingNeedsTransaction()}, {@link DatabaseDriver#enableStreaming}), and
 * ends the transaction it had to open for that (pgjdbc streams only with auto-commit off).
 */
public final class Streaming {
    /** Used when the strategy's driver name is not an installed plugin (a user-written strategy): plain setFetchSize. */
    private static final DatabaseDriver PLAIN = new DatabaseDriver() {
        @Override
        public String name() {
            return "plain JDBC";
        }

        @Override
        public java.util.List<String> urlPrefixes() {
            return java.util.List.of();
        }
    };

    private Streaming() {
    }

    /** The plugin called {@code driverName}, or one that just calls {@code setFetchSize} when none is installed by that name. */
    public static DatabaseDriver driver(String driverName) {
        try {
            return Drivers.byName(driverName);
        } catch (IllegalArgumentException notInstalled) {
            return PLAIN;
        }
    }

    /**
     * Asks {@code driver} to stream {@code statement} with {@code fetchSize} rows per round trip
     * (nothing when {@code fetchSize <= 0}). If the driver streams only in a transaction, the caller
     * is not in one and the connection is in auto-commit mode, auto-commit is turned off first.
     *
     * @return {@code true} if auto-commit was turned off here: the caller must {@link #end} it
     */
    public static boolean begin(DatabaseDriver driver, Connection c, Statement statement, int fetchSize,
            boolean inCallerTransaction) throws SQLException {
        if (fetchSize <= 0) {
            return false;
        }
        boolean opened = false;
        if (driver.streamingNeedsTransaction() && !inCallerTransaction && c.getAutoCommit()) {
            c.setAutoCommit(false);
            opened = true;
        }
        try {
            driver.enableStreaming(statement, fetchSize);
        } catch (SQLException | RuntimeException e) {
            if (opened) {
                try {
                    c.setAutoCommit(true); // nothing ran yet: just undo
                } catch (SQLException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
        return opened;
    }

    /**
     * Ends the transaction {@link #begin} opened: commits it (what auto-commit would have done
     * for the query's own effects) or, when reading failed, rolls it back; then turns auto-commit
     * on again. Both are attempted; a failure is thrown as {@link EndFailure} (with the driver's
     * exception as its cause, the second one suppressed): the connection's state is then unknown
     * and it must not go back to other users.
     */
    public static void end(Connection c, boolean commit) throws SQLException {
        SQLException failure = null;
        try {
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
        } catch (SQLException e) {
            failure = e;
            try {
                c.rollback();
            } catch (SQLException again) {
                e.addSuppressed(again);
            }
        }
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw new EndFailure(failure);
        }
    }

    /** Ending the streaming transaction failed; the connection is in an unknown state (discard it). */
    public static final class EndFailure extends SQLException {
        private static final long serialVersionUID = 1L;

        EndFailure(SQLException cause) {
            super("could not end the transaction opened for streaming", cause.getSQLState(), cause.getErrorCode(), cause);
        }
    }
}
