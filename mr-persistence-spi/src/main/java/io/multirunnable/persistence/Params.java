package io.multirunnable.persistence;

import io.multirunnable.internal.Check;
import io.multirunnable.persistence.internal.BeanProperties;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Values for SQL with {@code :name} parameters, the option beside {@code ?} placeholders:
 *
 * <pre>{@code
 * db.execute("UPDATE person SET name = :name WHERE id = :id", Params.of("id", 7).and("name", "Ada"));
 * db.query("SELECT * FROM person WHERE name LIKE :prefix || '%'", Params.of(Map.of("prefix", "A"))).fetchAll();
 * db.execute("INSERT INTO person(id, name) VALUES (:id, :name)", Params.from(person)); // a record or bean
 * }</pre>
 *
 * <p>Two kinds of values, combinable with {@link #and}:
 * <ul>
 * <li><b>named values</b> ({@link #of(String, Object)}, {@link #of(Map)}, {@link #and}): each must
 *     be used by the SQL, or the statement is refused (an unused value is most often a typo);</li>
 * <li><b>an object's properties</b> ({@link #from}): a record's components, or a JavaBean's public
 *     {@code getX()}/{@code isX()} getters; the SQL may use any subset of them. Named values win
 *     over properties of the same name.</li>
 * </ul>
 * A name the SQL uses but no value provides is refused too; messages name the parameter and
 * list what is available. Names are case-sensitive. Values bind like positional ones (enums by
 * name, {@link java.time.Instant} as a timestamp, {@code null} as SQL NULL).
 *
 * <p>Immutable and thread-safe if the values are; a property is read (its getter called) when
 * a statement binds it.
 *
 * @since 0.3
 */
public final class Params {
    private static final Params EMPTY = new Params(Map.of(), null);

    private final Map<String, Object> values; // insertion-ordered, unmodifiable, null values allowed
    private final Object source;              // record or bean, or null

    private Params(Map<String, Object> values, Object source) {
        this.values = values;
        this.source = source;
    }

    /** No values (for SQL without parameters, or to start {@link #and} chains). */
    public static Params empty() {
        return EMPTY;
    }

    /**
     * One named value.
     *
     * @throws IllegalArgumentException if {@code name} is not a valid parameter name
     */
    public static Params of(String name, Object value) {
        return EMPTY.and(name, value);
    }

    /**
     * The entries of {@code values} as named values (copied; null values allowed).
     *
     * @throws IllegalArgumentException if {@code values} is null or a key is not a valid parameter name
     */
    public static Params of(Map<String, ?> values) {
        Check.notNull(values, "values");
        Params p = EMPTY;
        for (Map.Entry<String, ?> e : values.entrySet()) {
            p = p.and(e.getKey(), e.getValue());
        }
        return p;
    }

    /**
     * The properties of {@code source}: a record's components, or a JavaBean's public getters
     * ({@code getName()} gives {@code name}, {@code isActive()} gives {@code active}). A
     * {@link Map} is taken as {@link #of(Map)}. The object's class must be accessible to this
     * module (public in an exported package, or its package opened to
     * {@code io.multirunnable.persistence}).
     *
     * @throws IllegalArgumentException if {@code source} is null, or its class has no readable property
     */
    @SuppressWarnings("unchecked")
    public static Params from(Object source) {
        Check.notNull(source, "source");
        if (source instanceof Map<?, ?> m) {
            for (Object key : m.keySet()) {
                if (!(key instanceof String)) {
                    throw new IllegalArgumentException("parameter names must be Strings, but the map has the key " + key
                            + (key == null ? "" : " (" + key.getClass().getName() + ")"));
                }
            }
            return of((Map<String, ?>) m);
        }
        if (source instanceof Params p) {
            return p;
        }
        BeanProperties.of(source.getClass()); // validates now, not at the first statement
        return new Params(Map.of(), source);
    }

    /**
     * A copy with one more named value.
     *
     * @throws IllegalArgumentException if {@code name} is not a valid parameter name (a letter or
     *                                  {@code _}, then letters, digits or {@code _}) or already has a value
     */
    public Params and(String name, Object value) {
        checkName(name);
        if (values.containsKey(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' is given twice; each name takes one value");
        }
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new Params(Collections.unmodifiableMap(copy), source);
    }

    private static void checkName(String name) {
        Check.notNull(name, "parameter name");
        boolean ok = !name.isEmpty() && (Character.isLetter(name.charAt(0)) || name.charAt(0) == '_');
        for (int i = 1; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }
        if (!ok) {
            throw new IllegalArgumentException("parameter name '" + name + "' is not valid: a letter or _ first, then "
                    + "letters, digits or _ (written :" + name + " in the SQL it would not be read as one name)");
        }
    }

    /** The named values (not the properties of a {@link #from} source), in the order given. */
    public Map<String, Object> values() {
        return values;
    }

    /** {@code true} if a named value or a property called {@code name} exists. */
    public boolean has(String name) {
        return values.containsKey(name) || (source != null && BeanProperties.of(source.getClass()).has(name));
    }

    /**
     * The value called {@code name}: the named value, else the property.
     *
     * @throws IllegalArgumentException if there is none
     */
    public Object get(String name) {
        if (values.containsKey(name)) {
            return values.get(name);
        }
        if (source != null && BeanProperties.of(source.getClass()).has(name)) {
            return BeanProperties.of(source.getClass()).read(source, name);
        }
        throw new IllegalArgumentException("no parameter '" + name + "'; available: " + available());
    }

    /** Every name a value exists for: named values, then properties. */
    public Set<String> names() {
        Set<String> all = new java.util.LinkedHashSet<>(values.keySet());
        if (source != null) {
            all.addAll(BeanProperties.of(source.getClass()).names());
        }
        return Collections.unmodifiableSet(all);
    }

    /** The named values that must be used (all of them; properties need not be). */
    Set<String> required() {
        return values.keySet();
    }

    String available() {
        Set<String> all = names();
        return all.isEmpty() ? "none" : String.join(", ", all);
    }

    /**
     * The values in placeholder order for {@code sql}; every name the SQL uses must have a value
     * and every named value must be used.
     */
    Object[] toPositional(io.multirunnable.persistence.internal.NamedSql sql, String where) {
        java.util.List<String> order = sql.placeholders();
        for (String name : sql.names()) {
            if (!has(name)) {
                throw new IllegalArgumentException("named parameter :" + name + where + " has no value; available: "
                        + available() + suggestion(name) + "; the SQL uses: " + usedBy(sql) + "; SQL: "
                        + abbreviate(sql.original()));
            }
        }
        for (String name : required()) {
            if (!sql.names().contains(name)) {
                throw new IllegalArgumentException("parameter '" + name + "'" + where + " is given but the SQL does not use :"
                        + name + "; the SQL uses: " + usedBy(sql) + " (an unused value is usually a misspelt name; "
                        + "remove it, or pass an object's properties with Params.from, which may go unused); SQL: "
                        + abbreviate(sql.original()));
            }
        }
        Object[] out = new Object[order.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(order.get(i));
        }
        return out;
    }

    private String suggestion(String name) {
        for (String n : names()) {
            if (n.equalsIgnoreCase(name) || n.replace("_", "").equalsIgnoreCase(name.replace("_", ""))) {
                return " (did you mean :" + n + "? names are case-sensitive)";
            }
        }
        return "";
    }

    private static String usedBy(io.multirunnable.persistence.internal.NamedSql sql) {
        return sql.names().isEmpty() ? "no :name parameter" : ":" + String.join(", :", sql.names());
    }

    private static String abbreviate(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ");
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }

    @Override
    public String toString() {
        // names only: values may be personal data
        return "Params" + values.keySet() + (source == null ? "" : " + properties of " + source.getClass().getSimpleName());
    }
}
