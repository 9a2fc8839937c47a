package io.multirunnable.persistence.internal;

import io.multirunnable.persistence.DatabaseException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** Reads one column as a Java type, the same way on every driver. */
final class Convert {
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
            short.class, Short.class, byte.class, Byte.class, double.class, Double.class, float.class, Float.class,
            boolean.class, Boolean.class, char.class, Character.class);

    private Convert() {
    }

    static Object read(ResultSet rs, int col, Class<?> target, Supplier<String> what) throws SQLException {
        Object raw = rs.getObject(col);
        if (raw == null) {
            if (target.isPrimitive()) {
                throw new DatabaseException("column " + rs.getMetaData().getColumnLabel(col) + " is NULL but "
                        + what.get() + " is a primitive " + target.getName() + "; use " + BOXES.get(target).getSimpleName(),
                        null);
            }
            return null;
        }
        Class<?> t = target.isPrimitive() ? BOXES.get(target) : target;
        if (t.isInstance(raw)) {
            return raw;
        }
        try {
            return convert(rs, col, raw, t);
        } catch (RuntimeException | SQLException e) {
            if (e instanceof DatabaseException d) {
                throw d;
            }
            throw new DatabaseException("cannot read column " + rs.getMetaData().getColumnLabel(col) + " ("
                    + raw.getClass().getSimpleName() + ") as " + t.getSimpleName() + " for " + what.get() + ": " + e, e);
        }
    }

    /** As {@link Math#toIntExact}: a value outside the target type is an error, never silently cut. */
    private static long exact(Number n, long min, long max, String type) {
        long v = n.longValue();
        if (v < min || v > max) {
            throw new ArithmeticException(type + " overflow");
        }
        return v;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(ResultSet rs, int col, Object raw, Class<?> t) throws SQLException {
        if (t == String.class) {
            return rs.getString(col);
        }
        if (t == Object.class) {
            return raw;
        }
        if (raw instanceof Number n) {
            if (t == Integer.class) {
                return Math.toIntExact(n.longValue());
            }
            if (t == Long.class) {
                return n.longValue();
            }
            if (t == Short.class) {
                return (short) exact(n, Short.MIN_VALUE, Short.MAX_VALUE, "short");
            }
            if (t == Byte.class) {
                return (byte) exact(n, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
            }
            if (t == Double.class) {
                return n.doubleValue();
            }
            if (t == Float.class) {
                return n.floatValue();
            }
            if (t == BigDecimal.class) {
                return new BigDecimal(n.toString());
            }
            if (t == BigInteger.class) {
                return new BigDecimal(n.toString()).toBigIntegerExact();
            }
            if (t == Boolean.class) {
                return n.intValue() != 0;
            }
        }
        if (t == Boolean.class && raw instanceof String s) {
            return rs.getBoolean(col);
        }
        if (t.isEnum()) {
            return Enum.valueOf((Class<Enum>) t, rs.getString(col));
        }
        if (t == UUID.class) {
            return UUID.fromString(rs.getString(col));
        }
        if (t == Instant.class) {
            if (raw instanceof OffsetDateTime o) {
                return o.toInstant();
            }
            Timestamp ts = rs.getTimestamp(col);
            return ts == null ? null : ts.toInstant();
        }
        if (raw instanceof String s) {
            if (t == LocalDate.class) {
                return LocalDate.parse(s);
            }
            if (t == LocalDateTime.class) {
                return LocalDateTime.parse(s.replace(' ', 'T'));
            }
            if (t == LocalTime.class) {
                return LocalTime.parse(s);
            }
            if (t == OffsetDateTime.class) {
                return OffsetDateTime.parse(s.replace(' ', 'T'));
            }
        }
        return rs.getObject(col, t);
    }
}
