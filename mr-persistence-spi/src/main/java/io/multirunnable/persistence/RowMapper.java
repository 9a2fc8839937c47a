package io.multirunnable.persistence;

import io.multirunnable.internal.Check;
import io.multirunnable.persistence.internal.Mappers;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Turns the current row of a {@link ResultSet} into a value. Write your own as a lambda
 * ({@code rs -> new Person(rs.getLong("id"), rs.getString("name"))}) or use the built-in
 * ones: {@link #toMap()} and {@link #to(Class)}. A mapper must not move the cursor.
 *
 * @param <T> the value type
 * @since 0.1
 */
@FunctionalInterface
public interface RowMapper<T> {

    /**
     * The value of the current row.
     *
     * @throws SQLException as the driver reports it
     */
    T map(ResultSet row) throws SQLException;

    /**
     * Rows as unmodifiable maps from column label (as the driver reports it: PostgreSQL folds
     * unquoted names to lower case) to value ({@link ResultSet#getObject(int)}), in column
     * order. SQL NULL is a {@code null} value.
     */
    static RowMapper<Map<String, Object>> toMap() {
        return Mappers.TO_MAP;
    }

    /**
     * Rows as {@code type}:
     * <ul>
     * <li>a <b>record</b>: each component from the column of the same name, matched ignoring
     *     case and underscores ({@code created_at} fills {@code createdAt}), converted to the
     *     component's type (numbers, String, Boolean, BigDecimal, java.time types, UUID, enums by
     *     name, byte[]). NULL into a primitive component is an error naming the column. The
     *     record must be accessible to this module (public in an exported package, or its
     *     package opened to {@code io.multirunnable.persistence});</li>
     * <li>{@link Map}: as {@link #toMap()};</li>
     * <li>any other type: the single column of the result, converted as above
     *     ({@code Long.class} for {@code SELECT COUNT(*)}).</li>
     * </ul>
     *
     * @throws IllegalArgumentException if {@code type} is null, or a record whose constructor is inaccessible
     */
    static <T> RowMapper<T> to(Class<T> type) {
        return Mappers.of(Check.notNull(type, "type"));
    }
}
