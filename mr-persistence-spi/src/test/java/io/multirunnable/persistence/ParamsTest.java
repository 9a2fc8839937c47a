package io.multirunnable.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.persistence.internal.NamedSql;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Params without a database: sources, property names, binding order and the bad-input messages. */
class ParamsTest {
    private static final NamedSql.Dialect STANDARD = new NamedSql.Dialect(false, null, "test");

    /** A record source. */
    public record Row(long id, String name) {
    }

    /** A JavaBean source. */
    public static final class Bean {
        /** @return a URL-style property: keeps its capitals */
        public String getURL() {
            return "u";
        }

        /** @return a boolean property read through is */
        public boolean isActive() {
            return true;
        }

        /** @return a plain property */
        public int getCount() {
            return 3;
        }
    }

    @Test
    void recordsBeansAndMapsGiveTheirValuesInPlaceholderOrder() {
        NamedSql sql = NamedSql.parse("SELECT :name, :id, :name", STANDARD);
        assertThat(Params.from(new Row(7, "Ada")).toPositional(sql, "")).containsExactly("Ada", 7L, "Ada");
        assertThat(Params.from(new Bean()).names()).containsExactlyInAnyOrder("URL", "active", "count");
        assertThat(Params.from(new Bean()).toPositional(NamedSql.parse("SELECT :URL, :active", STANDARD), ""))
                .containsExactly("u", true);
        Map<String, Object> m = new HashMap<>();
        m.put("id", null);
        m.put("name", "x");
        assertThat(Params.from(m).toPositional(sql, "")).containsExactly("x", null, "x");
        // a named value wins over the property of the same name
        assertThat(Params.from(new Row(7, "Ada")).and("name", "Grace").toPositional(sql, "")).containsExactly("Grace", 7L,
                "Grace");
        assertThat(Params.of("a", 1).toString()).isEqualTo("Params[a]"); // names only, never values
    }

    @Test
    void badSourcesAndNamesAreRefusedClearly() {
        Map<Object, Object> m = new HashMap<>();
        m.put(1, "x");
        assertThatThrownBy(() -> Params.from(m)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter names must be Strings, but the map has the key 1 (java.lang.Integer)");
        assertThatThrownBy(() -> Params.from(null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source");
        assertThatThrownBy(() -> Params.of("1x", 1)).hasMessageStartingWith("parameter name '1x' is not valid");
        assertThatThrownBy(() -> Params.of("", 1)).hasMessageStartingWith("parameter name '' is not valid");
        NamedSql sql = NamedSql.parse("SELECT :name", STANDARD);
        assertThatThrownBy(() -> Params.empty().toPositional(sql, ""))
                .hasMessage("named parameter :name has no value; available: none; the SQL uses: :name; SQL: SELECT :name");
        assertThatThrownBy(() -> Params.of("name", 1).and("extra", 2).toPositional(sql, ""))
                .hasMessageStartingWith("parameter 'extra' is given but the SQL does not use :extra; the SQL uses: :name");
        // unused properties of a record are fine
        assertThat(Params.from(new Row(1, "a")).toPositional(sql, "")).containsExactly("a");
    }
}
