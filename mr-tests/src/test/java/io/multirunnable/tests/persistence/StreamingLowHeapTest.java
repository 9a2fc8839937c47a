package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.tests.support.TestEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 15 item 5: 5,000,000 rows of about 100 bytes (≈ 500 MB as Java objects) streamed through a
 * {@code Cursor} in a JVM of 128 MB heap. Runs in its own Surefire execution ({@code -Xmx128m},
 * tag {@code low-heap-128m}) and checks that the limit is in force. Every row is checked (payload
 * matches its id, each id once).
 *
 * <p>The negative: the same read with fetch size 0 (the JDBC driver's default buffering, what a
 * cursor did before 0.3) runs out of memory in a child JVM of the same heap on PostgreSQL and
 * MariaDB (through both mysql-connector-j and MariaDB Connector/J, which share the server table), so this test would fail if the cursor stopped streaming. SQLite streams anyway: there
 * fetch size 0 passes too, and the test says so.
 *
 * <p>The table is made once per server and kept ({@link FiveMillionRows}); MySQL proper is not
 * covered here (its generation SQL differs and it runs only with Docker).
 */
@Tag("low-heap-128m")
class StreamingLowHeapTest {
    private static final long HEAP_LIMIT = 128L * 1024 * 1024;

    @ParameterizedTest
    @EnumSource(value = Target.class, names = {"POSTGRESQL", "MARIADB", "MARIADB_CJ", "SQLITE"})
    void fiveMillionRowsStreamThroughACursorIn128MegabytesButNotWithoutAFetchSize(Target target) throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("heap limit of this JVM").isLessThanOrEqualTo(HEAP_LIMIT);
        String url = url(target);
        long createMillis = FiveMillionRows.ensureTable(url);
        System.out.println(target + ": table " + (createMillis == 0 ? "reused" : "created in " + createMillis + " ms"));

        FiveMillionRows.Result streamed = FiveMillionRows.read(url, -1); // the cursor's default fetch size
        System.out.println(target + " streamed (default fetch size): " + streamed);
        assertThat(streamed.rows()).isEqualTo(FiveMillionRows.ROWS);
        assertThat(streamed.distinctIds()).isEqualTo(FiveMillionRows.ROWS);
        assertThat(streamed.badRows()).isZero();

        if (target == Target.SQLITE) {
            FiveMillionRows.Result unbuffered = FiveMillionRows.read(url, 0);
            System.out.println(target + " with fetch size 0 (sqlite-jdbc steps row by row anyway): " + unbuffered);
            assertThat(unbuffered.rows()).isEqualTo(FiveMillionRows.ROWS);
            assertThat(unbuffered.distinctIds()).isEqualTo(FiveMillionRows.ROWS);
            return;
        }
        String out = probe(url, 0);
        System.out.println(target + " with fetch size 0 in a child JVM of 128 MB: " + out);
        assertThat(out.lines()).as("reading 5M rows without streaming must fail: " + out).contains("failed")
                .noneMatch(l -> l.startsWith("ok "));
        assertThat(out).as("for want of memory").containsAnyOf("java.lang.OutOfMemoryError", "Ran out of memory");
    }

    private static String url(Target target) {
        if (target != Target.SQLITE) {
            return target.url();
        }
        // kept in target/ between runs, like the servers' table
        Path db = Path.of(System.getProperty("basedir", ".")).resolve("target/stream-5m.sqlite").toAbsolutePath();
        return "jdbc:sqlite:" + db;
    }

    private static String probe(String url, int fetchSize) throws Exception {
        List<String> cmd = List.of(TestEnv.javaLauncher().toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
                TestEnv.childClassPath(StreamingProbe.class), "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                StreamingProbe.class.getName(), url, Integer.toString(fetchSize));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new String(bytes, StandardCharsets.UTF_8).strip();
    }
}
