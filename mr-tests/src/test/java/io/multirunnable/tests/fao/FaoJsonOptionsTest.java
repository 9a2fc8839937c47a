package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.multirunnable.RunningMode;
import io.multirunnable.SimpleExecutor;
import io.multirunnable.WorkerResult;
import io.multirunnable.fao.Fao;
import io.multirunnable.fao.JsonOptions;
import io.multirunnable.fao.SavingStrategy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JsonOptions}: pretty and compact {@code json} hold the same rows (Jackson and Python's
 * json module read both); {@code jsonl} stays one compact line per record whatever the option.
 */
class FaoJsonOptionsTest {
    static final List<String> HEADER = List.of("id", "text", "amount", "missing", "tags");
    static final int WORKERS = 3;
    static final int ROWS = 1200;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static List<Object> row(long id) {
        return Arrays.asList(id, "t \"q\"\n ünï " + id, id * 0.5, null, List.of(id, "x"));
    }

    @Test
    void prettyAndCompactJsonHoldTheSameRows() throws Exception {
        Path compact = write("json", "compact.json", JsonOptions.compact());
        Path pretty = write("json", "pretty.json", JsonOptions.pretty());
        Path prettyGz = write("json", "pretty.json.gz", JsonOptions.pretty());

        String c = Files.readString(compact);
        String p = Files.readString(pretty);
        // compact: one row per line between the brackets; pretty: one field per line, indented
        List<String> lines = c.lines().toList();
        assertThat(lines).hasSize(WORKERS * ROWS + 2);
        assertThat(lines.get(1)).startsWith("{\"id\":").doesNotContain(" : ");
        assertThat(p).startsWith("[\n  {\n    \"id\" : ").endsWith("\n  }\n]\n");
        // per row: "{", four scalar fields, "tags" : [ + two elements + "]", "}"; plus the brackets
        assertThat(p.lines().count()).isEqualTo((long) WORKERS * ROWS * 10 + 2);

        List<JsonNode> fromCompact = rows(JSON.readTree(c));
        assertThat(fromCompact).hasSize(WORKERS * ROWS);
        assertThat(rows(JSON.readTree(p))).isEqualTo(fromCompact);
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(prettyGz))) {
            String unzipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(unzipped).startsWith("[\n  {\n    \"id\" : ").hasSameSizeAs(p); // same layout, rows in another order
            assertThat(rows(JSON.readTree(unzipped))).isEqualTo(fromCompact);
        }
        assertThat(fromCompact.get(7)).isEqualTo(JSON.readTree(
                "{\"id\":7,\"text\":\"t \\\"q\\\"\\n ünï 7\",\"amount\":3.5,\"missing\":null,\"tags\":[7,\"x\"]}"));
        // Python's json module reads all three to the same rows
        JsonNode py = Python.run(Python.JSON_READER, compact.toString(), "0", "0");
        assertThat(rows(Python.run(Python.JSON_READER, pretty.toString(), "0", "0"))).isEqualTo(rows(py));
        assertThat(rows(Python.run(Python.JSON_READER, prettyGz.toString(), "0", "1"))).isEqualTo(rows(py));
        assertThat(rows(py)).isEqualTo(fromCompact);
    }

    @Test
    void jsonLinesStayOneLinePerRecordWhenPrettyIsAsked() throws Exception {
        Path file = write("jsonl", "out.jsonl", JsonOptions.pretty());
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(WORKERS * ROWS);
        for (String l : lines) {
            assertThat(l).startsWith("{\"id\":").endsWith("]}");
            assertThat(JSON.readTree(l).get("tags").size()).isEqualTo(2);
        }
        assertThat(Python.run(Python.JSON_READER, file.toString(), "1", "0")).hasSize(WORKERS * ROWS);
    }

    private Path write(String format, String name, JsonOptions options) throws Exception {
        Path file = dir.resolve(name);
        AtomicInteger slot = new AtomicInteger();
        try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withJsonOptions(options).build();
             SimpleExecutor executor = SimpleExecutor.of(RunningMode.CONCURRENT, WORKERS)) {
            List<WorkerResult<Object>> results = executor.run(() -> {
                long w = slot.getAndIncrement();
                List<List<Object>> rows = new ArrayList<>();
                for (long i = 0; i < ROWS; i++) {
                    rows.add(row(w * ROWS + i));
                }
                fao.save(format, file, HEADER, rows);
                return null;
            });
            for (WorkerResult<Object> r : results) {
                r.get();
            }
        }
        return file;
    }

    /** The array's rows, sorted by id (workers' rows interleave by chunk). */
    private static List<JsonNode> rows(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        out.sort(Comparator.comparingLong(n -> n.get("id").asLong()));
        return out;
    }
}
