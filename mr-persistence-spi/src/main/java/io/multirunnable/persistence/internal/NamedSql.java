package io.multirunnable.persistence.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SQL with {@code :name} parameters, turned into JDBC SQL with {@code ?} placeholders plus the
 * parameter name of each placeholder. Parsed once per (SQL, dialect) and cached
 * ({@link #of}, at most {@link #CACHE_SIZE} entries).
 *
 * <p>What is not a parameter: anything inside {@code '...'} strings ({@code ''} escapes a
 * quote; in {@code E'...'} strings, and in every string when the dialect says so (MySQL,
 * MariaDB), a backslash escapes the next character), {@code "..."} and {@code `...`}
 * identifiers, PostgreSQL dollar-quoted strings ({@code $$...$$}, {@code $tag$...$tag$}),
 * {@code --} line comments and {@code /* ... *&#47;} block comments (nested, as in PostgreSQL);
 * {@code ::} casts ({@code :x::int} is parameter {@code x} cast to int); {@code :=}; a colon
 * not followed by a letter or {@code _} ({@code arr[1:2]}).
 *
 * <p>Question marks outside quotes and comments: {@code ?} followed by {@code |}, {@code &},
 * {@code -} or {@code #} is a PostgreSQL operator ({@code ?|}, {@code ?&}, {@code ?-|},
 * {@code ?#}...), and {@code ??} is a literal {@code ?} (pgjdbc's escape, so the jsonb
 * {@code ?} operator is written {@code ??}); both are passed on in the dialect's escaped form
 * (pgjdbc: {@code ??}). A lone {@code ?} is a positional placeholder: mixing it with
 * {@code :name} is an error, and so is a literal {@code ?} on a driver without an escape.
 *
 * <p>Immutable and thread-safe; the cache is a bounded concurrent map.
 */
public final class NamedSql {
    /** Most entries the parse cache keeps; beyond it, an arbitrary entry is dropped per new one. */
    public static final int CACHE_SIZE = 1_024;

    /**
     * The SQL rules that differ between databases.
     *
     * @param backslashEscapes  a backslash escapes the next character in every {@code '...'} string (MySQL, MariaDB)
     * @param literalQuestionMark how the JDBC driver lets a literal {@code ?} through a prepared statement
     *                          ({@code "??"} for pgjdbc), or null if it cannot
     * @param driverName        for messages
     */
    public record Dialect(boolean backslashEscapes, String literalQuestionMark, String driverName) {
    }

    private record Key(String sql, Dialect dialect) {
    }

    private static final Map<Key, NamedSql> CACHE = new ConcurrentHashMap<>();
    /** Held to add to or evict from {@link #CACHE}, so that it never holds more than {@link #CACHE_SIZE}. */
    private static final Object CACHE_WRITE = new Object();

    private final String original;
    private final String jdbcSql;
    private final List<String> placeholders;
    private final Set<String> names;

    private NamedSql(String original, String jdbcSql, List<String> placeholders) {
        this.original = original;
        this.jdbcSql = jdbcSql;
        this.placeholders = Collections.unmodifiableList(placeholders);
        this.names = Collections.unmodifiableSet(new LinkedHashSet<>(placeholders));
    }

    /** The parsed form of {@code sql} under {@code dialect}, from the cache when it was parsed before. */
    public static NamedSql of(String sql, Dialect dialect) {
        Key key = new Key(sql, dialect);
        NamedSql cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        NamedSql parsed = parse(sql, dialect);
        // Misses write under one lock, hits stay lock-free. Unlocked, threads evicting at once could each see
        // room (size() is a sum of striped counters, and a key-set iterator misses entries added behind it),
        // and the cache grew past its bound: 1,051 entries for a bound of 1,024 with 16 threads (NamedSqlTest).
        synchronized (CACHE_WRITE) {
            NamedSql raced = CACHE.get(key);
            if (raced != null) {
                return raced; // another thread parsed the same SQL meanwhile: keep one instance per key
            }
            if (CACHE.size() >= CACHE_SIZE) {
                Iterator<Key> it = CACHE.keySet().iterator();
                it.next();
                it.remove();
            }
            CACHE.put(key, parsed);
        }
        return parsed;
    }

    /** Entries in the parse cache now (for tests). */
    public static int cacheSize() {
        return CACHE.size();
    }

    /** The SQL as written. */
    public String original() {
        return original;
    }

    /** The SQL with {@code ?} in place of each {@code :name}, for {@link java.sql.Connection#prepareStatement}. */
    public String jdbcSql() {
        return jdbcSql;
    }

    /** The parameter name of each placeholder, in order (a name used twice appears twice). */
    public List<String> placeholders() {
        return placeholders;
    }

    /** The distinct parameter names, in order of first use. */
    public Set<String> names() {
        return names;
    }

    /** Parses without the cache. */
    public static NamedSql parse(String sql, Dialect dialect) {
        StringBuilder out = new StringBuilder(sql.length());
        List<String> params = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        int quotedEnd = -1; // where the last dollar-quoted string ended: a $ right there opens a new one
        while (i < n) {
            char c = sql.charAt(i);
            switch (c) {
                case '\'' -> {
                    boolean escapes = dialect.backslashEscapes() || (i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                            && (i < 2 || !isIdentifierPart(sql.charAt(i - 2))));
                    int end = endOfQuoted(sql, i, '\'', escapes, "string literal");
                    out.append(sql, i, end);
                    i = end;
                }
                case '"', '`' -> {
                    int end = endOfQuoted(sql, i, c, false, "quoted identifier");
                    out.append(sql, i, end);
                    i = end;
                }
                case '$' -> {
                    int end = endOfDollarQuoted(sql, i, i == quotedEnd);
                    out.append(sql, i, end);
                    quotedEnd = end > i + 1 ? end : quotedEnd;
                    i = end;
                }
                case '-' -> {
                    if (i + 1 < n && sql.charAt(i + 1) == '-') {
                        int end = sql.indexOf('\n', i);
                        end = end < 0 ? n : end;
                        out.append(sql, i, end);
                        i = end;
                    } else {
                        out.append(c);
                        i++;
                    }
                }
                case '/' -> {
                    if (i + 1 < n && sql.charAt(i + 1) == '*') {
                        int end = endOfBlockComment(sql, i);
                        out.append(sql, i, end);
                        i = end;
                    } else {
                        out.append(c);
                        i++;
                    }
                }
                case ':' -> {
                    if (i + 1 < n && (sql.charAt(i + 1) == ':' || sql.charAt(i + 1) == '=')) {
                        out.append(sql, i, i + 2); // ::cast, :=
                        i += 2;
                    } else if (i + 1 < n && isIdentifierStart(sql.charAt(i + 1))) {
                        int end = i + 2;
                        while (end < n && isIdentifierPart(sql.charAt(end))) {
                            end++;
                        }
                        params.add(sql.substring(i + 1, end));
                        out.append('?');
                        i = end;
                    } else {
                        out.append(c);
                        i++;
                    }
                }
                case '?' -> {
                    char next = i + 1 < n ? sql.charAt(i + 1) : 0;
                    if (next == '?') {
                        out.append(literalQuestionMark(dialect, sql, i));
                        i += 2;
                    } else if (next == '|' || next == '&' || next == '-' || next == '#') {
                        out.append(literalQuestionMark(dialect, sql, i));
                        i++;
                    } else {
                        throw new IllegalArgumentException("SQL mixes a positional ? placeholder (at character " + (i + 1)
                                + ") with :name parameters; use only :name parameters (pass a Params), or only ? "
                                + "placeholders (pass the values in order); a literal ? operator is written ?? "
                                + "(?|, ?& and the like are recognised as operators); SQL: " + abbreviate(sql));
                    }
                }
                default -> {
                    out.append(c);
                    i++;
                }
            }
        }
        return new NamedSql(sql, out.toString(), params);
    }

    private static String literalQuestionMark(Dialect dialect, String sql, int at) {
        if (dialect.literalQuestionMark() == null) {
            throw new IllegalArgumentException("the ? operator at character " + (at + 1) + " cannot be sent through driver '"
                    + dialect.driverName() + "': its JDBC driver reads every ? outside quotes as a placeholder and has no "
                    + "escape for it; use a function instead of the operator; SQL: " + abbreviate(sql));
        }
        return dialect.literalQuestionMark();
    }

    /** Index just past the closing quote of the quoted text opening at {@code start}. */
    private static int endOfQuoted(String sql, int start, char quote, boolean backslashEscapes, String what) {
        int n = sql.length();
        int i = start + 1;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2; // doubled quote
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated " + what + " starting at character " + (start + 1) + " ("
                + quote + " never closed), so :name parameters cannot be found; SQL: " + abbreviate(sql));
    }

    /** A dollar quote {@code $tag$...$tag$} opening at {@code start}, or just the {@code $} if it is not one. */
    private static int endOfDollarQuoted(String sql, int start, boolean afterQuoted) {
        int n = sql.length();
        if (start > 0 && !afterQuoted && isIdentifierPart(sql.charAt(start - 1))) {
            return start + 1; // $ inside an identifier (PostgreSQL allows it)
        }
        int i = start + 1;
        if (i < n && isIdentifierStart(sql.charAt(i))) {
            while (i < n && isIdentifierPart(sql.charAt(i)) && sql.charAt(i) != '$') {
                i++;
            }
        }
        if (i >= n || sql.charAt(i) != '$') {
            return start + 1; // $1 positional, or a lone $
        }
        String tag = sql.substring(start, i + 1);
        int close = sql.indexOf(tag, i + 1);
        if (close < 0) {
            throw new IllegalArgumentException("unterminated dollar-quoted string " + tag + " starting at character "
                    + (start + 1) + ", so :name parameters cannot be found; SQL: " + abbreviate(sql));
        }
        return close + tag.length();
    }

    private static int endOfBlockComment(String sql, int start) {
        int n = sql.length();
        int depth = 0;
        int i = start;
        while (i < n) {
            if (i + 1 < n && sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (i + 1 < n && sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated /* comment starting at character " + (start + 1)
                + ", so :name parameters cannot be found; SQL: " + abbreviate(sql));
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    static String abbreviate(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ");
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }

    @Override
    public String toString() {
        return "NamedSql[" + jdbcSql + ", " + placeholders + "]";
    }
}
