package io.multirunnable.persistence.internal;

import io.multirunnable.persistence.DatabaseException;
import io.multirunnable.persistence.RowMapper;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The built-in row mappers: maps, records, single-column values. */
public final class Mappers {
    private Mappers() {
    }

    /** A mapper that looks at the result's columns once per query. */
    public interface Prepared<T> extends RowMapper<T> {
        /** The mapper for rows of a result with these columns. */
        RowMapper<T> prepare(ResultSetMetaData md) throws SQLException;

        @Override
        default T map(ResultSet row) throws SQLException {
            return prepare(row.getMetaData()).map(row);
        }
    }

    /** Rows as unmodifiable insertion-ordered maps, keyed by column label as the driver reports it. */
    public static final Prepared<Map<String, Object>> TO_MAP = md -> {
        int n = md.getColumnCount();
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = md.getColumnLabel(i + 1);
        }
        return rs -> {
            Map<String, Object> m = new LinkedHashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                m.put(labels[i], rs.getObject(i + 1));
            }
            return Collections.unmodifiableMap(m);
        };
    };

    /** The mapper for {@code type}: Map, a record (by column name), or a single-column value. */
    @SuppressWarnings("unchecked")
    public static <T> Prepared<T> of(Class<T> type) {
        if (type == Map.class) {
            return (Prepared<T>) TO_MAP;
        }
        if (type.isRecord()) {
            return record(type);
        }
        return md -> {
            if (md.getColumnCount() != 1) {
                throw new DatabaseException("cannot map a row of " + md.getColumnCount() + " columns " + labels(md)
                        + " to " + type.getSimpleName() + ": a single-column result is needed (or map to a record or Map)", null);
            }
            return rs -> (T) Convert.read(rs, 1, type, () -> type.getSimpleName());
        };
    }

    private static <T> Prepared<T> record(Class<T> type) {
        RecordComponent[] comps = type.getRecordComponents();
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            types[i] = comps[i].getType();
        }
        Constructor<T> ctor;
        try {
            ctor = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
        }
        if (!ctor.canAccess(null) && !ctor.trySetAccessible()) {
            throw new IllegalArgumentException("cannot map rows to record " + type.getName() + ": its constructor is not "
                    + "accessible to module io.multirunnable.persistence; make the record public in an exported package, "
                    + "or open its package to io.multirunnable.persistence");
        }
        return md -> {
            Map<String, Integer> byName = new HashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                byName.putIfAbsent(normalize(md.getColumnLabel(i)), i);
            }
            int[] index = new int[comps.length];
            for (int i = 0; i < comps.length; i++) {
                Integer col = byName.get(normalize(comps[i].getName()));
                if (col == null) {
                    throw new DatabaseException("cannot map a row to record " + type.getSimpleName() + ": no column for "
                            + "component '" + comps[i].getName() + "' (matched ignoring case and underscores); columns: "
                            + labels(md), null);
                }
                index[i] = col;
            }
            return rs -> {
                Object[] args = new Object[comps.length];
                for (int i = 0; i < comps.length; i++) {
                    RecordComponent c = comps[i];
                    args[i] = Convert.read(rs, index[i], types[i], () -> type.getSimpleName() + "." + c.getName());
                }
                try {
                    return ctor.newInstance(args);
                } catch (InvocationTargetException e) {
                    throw new DatabaseException("record " + type.getSimpleName() + " rejected a row: " + e.getCause(),
                            e.getCause());
                } catch (ReflectiveOperationException e) {
                    throw new DatabaseException("cannot create record " + type.getSimpleName() + ": " + e, e);
                }
            };
        };
    }

    static String normalize(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    static List<String> labels(ResultSetMetaData md) throws SQLException {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            out.add(md.getColumnLabel(i));
        }
        return out;
    }
}
