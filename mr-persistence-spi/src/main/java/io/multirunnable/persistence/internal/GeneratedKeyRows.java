package io.multirunnable.persistence.internal;

import io.multirunnable.persistence.DatabaseException;
import io.multirunnable.persistence.RowMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reading {@link Statement#getGeneratedKeys()} into mapped keys. */
public final class GeneratedKeyRows {
    private GeneratedKeyRows() {
    }

    /** Every key row of the last execution of {@code st}, mapped. */
    public static <T> List<T> read(Statement st, RowMapper<T> mapper) throws SQLException {
        List<T> out = new ArrayList<>();
        try (ResultSet rs = st.getGeneratedKeys()) {
            if (rs == null) {
                return out;
            }
            RowMapper<T> m = mapper instanceof Mappers.Prepared<T> p ? p.prepare(rs.getMetaData()) : mapper;
            while (rs.next()) {
                out.add(m.map(rs));
            }
        }
        return out;
    }

    /**
     * Reads the keys of {@code expected} parameter sets (starting at set {@code first}) into
     * {@code into}; another number of keys cannot be matched to the sets and is an error.
     * {@code wrongCount >= 0} is a statement-by-statement insert that changed that many rows
     * instead of one: its keys are not even read (sqlite-jdbc would answer a stale one).
     */
    public static <T> void readExpecting(Statement st, RowMapper<T> mapper, int expected, int wrongCount, List<T> into,
            String driver, int first) throws SQLException {
        List<T> keys = wrongCount >= 0 ? List.of() : read(st, mapper);
        if (keys.size() != expected) {
            throw new DatabaseException("driver '" + driver + "' returned " + keys.size() + " generated key(s) for the "
                    + expected + " parameter set(s) " + first + ".." + (first + expected - 1) + ": no key can be matched "
                    + "to its parameter set (did the INSERT skip rows, as ON CONFLICT DO NOTHING or INSERT IGNORE do, or "
                    + "insert several rows per set?); nothing of the call was kept", null);
        }
        into.addAll(keys);
    }

    /** The message for a driver without generated keys. */
    public static String unsupported(String driver) {
        return "driver '" + driver + "' cannot return generated keys (its plugin declares GeneratedKeySupport.NONE); "
                + "instead, read the key with a query in the same transaction (a RETURNING clause where the database "
                + "has one, or its last-insert-id function), or generate the key in the application (UUID)";
    }
}
