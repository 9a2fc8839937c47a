package io.multirunnable.persistence;

import java.sql.SQLException;

/**
 * A database operation failed. The JDBC exception that caused it is the {@link #getCause()
 * cause} (with its own causes), so nothing the driver reported is lost; {@link #sqlState()}
 * and {@link #errorCode()} read it. Messages name the operation, the connection strategy and
 * the SQL text, never parameter values or passwords.
 *
 * @since 0.1
 */
public class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure described by {@code message}, caused by {@code cause} (may be null).
     *
     * @param message what failed
     * @param cause   the underlying exception, usually a {@link SQLException}
     */
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The SQLState of the first {@link SQLException} in the cause chain that has one (e.g.
     * {@code "42P01"}, {@code "28000"}, {@code "08S01"}), or {@code null} if none has.
     */
    public String sqlState() {
        SQLException e = firstWithState();
        return e == null ? null : e.getSQLState();
    }

    /** The vendor error code of the exception {@link #sqlState()} comes from, or 0. */
    public int errorCode() {
        SQLException e = firstWithState();
        return e == null ? 0 : e.getErrorCode();
    }

    private SQLException firstWithState() {
        for (Throwable t = getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s;
            }
        }
        return null;
    }
}
