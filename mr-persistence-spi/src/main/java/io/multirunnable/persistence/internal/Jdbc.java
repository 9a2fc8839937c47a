package io.multirunnable.persistence.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.Timestamp;
import java.time.Instant;

/** Small JDBC helpers: binding, closing, describing failures. */
public final class Jdbc {
    private Jdbc() {
    }

    /** Binds {@code params} to {@code ps} as parameters 1..n (always bound, never concatenated). */
    public static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, toJdbc(params[i]));
        }
    }

    /** Binds a list of parameters. */
    public static void bind(PreparedStatement ps, java.util.List<?> params) throws SQLException {
        int i = 1;
        for (Object p : params) {
            ps.setObject(i++, toJdbc(p));
        }
    }

    private static Object toJdbc(Object v) {
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof Instant t) {
            return Timestamp.from(t);
        }
        if (v instanceof Character c) {
            return c.toString();
        }
        return v;
    }

    /** Closes, ignoring failures. */
    public static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing a broken resource; nothing more to do
            }
        }
    }

    /** {@code true} if {@code e} means the connection itself is gone (SQLState class 08, admin shutdown 57P0x, ...). */
    public static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String st = s.getSQLState();
                if (st.startsWith("08") || st.startsWith("57P0")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * What went wrong, told without the driver's message: the SQLState class in words, the
     * SQLState and the vendor error code of the first {@link SQLException} in the chain, e.g.
     * {@code "integrity constraint violation [SQLState 23505]"} or
     * {@code "integrity constraint violation [SQLState 23000, vendor code 1062]"}. Drivers put
     * bound values into their messages (PostgreSQL's batch entry text and its
     * {@code Key (id)=(42)} detail, MySQL/MariaDB's {@code Duplicate entry '42'}), and those
     * values may be personal data: they stay in the cause, never in our message.
     */
    public static String describeWithoutValues(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                return stateClass(state) + " [SQLState " + state
                        + (s.getErrorCode() != 0 ? ", vendor code " + s.getErrorCode() : "") + "]";
            }
        }
        return "driver error " + e.getClass().getSimpleName() + (e instanceof SQLException s && s.getErrorCode() != 0
                ? " [vendor code " + s.getErrorCode() + "]" : "") + " (no SQLState)";
    }

    /** The SQL standard's (and PostgreSQL's) name of a SQLState class, or "error" for classes it does not name. */
    static String stateClass(String state) {
        if (state.length() < 2) {
            return "error";
        }
        return switch (state.substring(0, 2)) {
            case "01" -> "warning";
            case "02" -> "no data";
            case "07" -> "dynamic SQL error";
            case "08" -> "connection exception";
            case "0A" -> "feature not supported";
            case "21" -> "cardinality violation";
            case "22" -> "data exception";
            case "23" -> "integrity constraint violation";
            case "24" -> "invalid cursor state";
            case "25" -> "invalid transaction state";
            case "28" -> "invalid authorization";
            case "2B", "2D" -> "invalid transaction termination";
            case "34" -> "invalid cursor name";
            case "3D" -> "invalid catalog (database) name";
            case "3F" -> "invalid schema name";
            case "40" -> "transaction rollback";
            case "42" -> "syntax error or access rule violation";
            case "44" -> "with check option violation";
            case "53" -> "insufficient resources";
            case "54" -> "program limit exceeded";
            case "55" -> "object not in prerequisite state";
            case "57" -> "operator intervention";
            case "58" -> "system error";
            case "HY" -> "driver or CLI error";
            case "XX" -> "internal error";
            default -> "error";
        };
    }

    /** The exception's message with the first SQLState found in its chain, e.g. {@code "... [SQLState 42P01]"}. */
    public static String describe(Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return msg + " [SQLState " + s.getSQLState() + "]";
            }
        }
        return msg;
    }
}
