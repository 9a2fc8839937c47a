package io.multirunnable.fao.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowsTest {
    record Point(int x, String label) {
    }

    @Test
    void headersComeFromMapKeysAndRecordComponents() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", 2);
        assertThat(Rows.headerOf(m)).containsExactly("b", "a");
        assertThat(Rows.headerOf(new Point(1, "p"))).containsExactly("x", "label");
        assertThat(Rows.headerOf(List.of(1))).isEmpty();
        assertThat(Rows.headerOf(null)).isEmpty();
    }

    @Test
    void valuesOfEveryRowShape() {
        assertThat(Rows.values(new Point(3, "p"), List.of("x", "label"), 0)).isEqualTo(List.of(3, "p"));
        assertThat(Rows.values(new Object[] {1, null}, List.of(), 0)).isEqualTo(Arrays.asList(1, null));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", "q");
        assertThat(Rows.values(m, List.of("x", "label"), 0)).isEqualTo(Arrays.asList(null, "q"));
    }

    @Test
    void fitPadsShortRowsAndRefusesLongOnes() {
        assertThat(Rows.fit(List.of(1), 3, List.of(), 0)).isEqualTo(Arrays.asList(1, null, null));
        List<Integer> exact = List.of(1, 2);
        assertThat(Rows.fit(exact, 2, List.of(), 0)).isSameAs(exact);
        assertThatThrownBy(() -> Rows.fit(List.of(1, 2, 3), 2, List.of("a", "b"), 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 7 of this save has 3 values but the output has 2 columns [a, b]; "
                        + "shorter rows are padded with empty values, longer rows are refused");
    }

    @Test
    void mapsNeedAHeaderAndKnownKeys() {
        assertThatThrownBy(() -> Rows.values(Map.of("a", 1), List.of(), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 2 of this save is a Map but the output has no header; give a header to save or make the "
                        + "first row a Map");
        assertThatThrownBy(() -> Rows.values(null, List.of(), 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 4 of this save is null; rows must be List, Object[], Map<String, ?> or a record");
    }

    @Test
    void workerNamesAreSafeFileNameParts() {
        String name = Thread.currentThread().getName();
        Thread.currentThread().setName("main thread/1:x");
        try {
            // no runner module here, so the thread name is used
            assertThat(OutputPaths.workerName()).isEqualTo("main_thread_1_x");
        } finally {
            Thread.currentThread().setName(name);
        }
    }
}
