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
