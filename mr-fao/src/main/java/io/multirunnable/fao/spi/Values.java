package io.multirunnable.fao.spi;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The text every installed format writes for a value that has no type of its own in the
 * format (CSV cells; xlsx text cells; JSON strings), so that all formats agree. Thread-safe
 * (stateless).
 *
 * <ul>
 *   <li>{@code null}, and a value whose {@code toString()} returns {@code null}, has no text:
 *       {@link #text} returns {@code null} and the format writes its null (CSV: an empty field;
 *       JSON: {@code null}; xlsx: no cell).</li>
 *   <li>A {@link CharSequence} is its characters; a {@link BigDecimal} its plain digits (no
 *       exponent).</li>
 *   <li>An array ({@code int[]}, {@code Object[]}, ...), an {@link Iterable} and a {@link Map}
 *       are written element by element, like {@code List.toString()}: {@code [1, 2, 3]},
 *       {@code {a=1}}; nested ones the same way.</li>
 *   <li>Any other value is its {@code toString()}, but only if its class declares one: a value
 *       whose class inherits {@code Object.toString()} would be written as a JVM identity string
 *       such as {@code com.example.Item@6aa3a905}, so it is refused with an
 *       {@link IllegalArgumentException}.</li>
 * </ul>
 *
 * @since 0.2
 */
public final class Values {
    private static final ClassValue<Boolean> OWN_TO_STRING = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("toString").getDeclaringClass() != Object.class;
            } catch (NoSuchMethodException e) {
                return false; // cannot happen: every class has toString()
            }
        }
    };

    private Values() {
    }

    /**
     * The text of {@code value} by the rules above.
     *
     * @return the text, or {@code null} if {@code value} is null or its {@code toString()} is
     * @throws IllegalArgumentException if {@code value}'s class does not declare {@code toString()}
     */
    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof CharSequence cs) {
            return cs.toString();
        }
        if (value instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        if (value.getClass().isArray() || value instanceof Iterable<?> || value instanceof Map<?, ?>) {
            StringBuilder sb = new StringBuilder();
            append(sb, value, 0);
            return sb.toString();
        }
        return plain(value);
    }

    private static String plain(Object value) {
        if (!OWN_TO_STRING.get(value.getClass())) {
            throw new IllegalArgumentException("a value of class " + value.getClass().getTypeName()
                    + " has no toString() of its own, so it would be written as a JVM identity string such as '"
                    + value.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(value))
                    + "'; save text, a number or a value whose class declares toString()");
        }
        return value.toString();
    }

    private static void append(StringBuilder sb, Object value, int depth) {
        if (depth > 64) {
            throw new IllegalArgumentException("a value nests arrays, collections or maps more than 64 levels deep "
                    + "(a cycle?); it cannot be written as text");
        }
        if (value == null) {
            sb.append("null");
        } else if (value.getClass().isArray()) {
            sb.append('[');
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                append(sb, Array.get(value, i), depth + 1);
            }
            sb.append(']');
        } else if (value instanceof Iterable<?> it) {
            sb.append('[');
            boolean first = true;
            for (Object o : it) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                append(sb, o, depth + 1);
            }
            sb.append(']');
        } else if (value instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                append(sb, e.getKey(), depth + 1);
                sb.append('=');
                append(sb, e.getValue(), depth + 1);
            }
            sb.append('}');
        } else {
            String s = value instanceof CharSequence || value instanceof BigDecimal ? text(value) : plain(value);
            sb.append(s == null ? "null" : s);
        }
    }
}
