package io.multirunnable.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.testsupport.TestBackends;
import io.multirunnable.testsupport.TestBackends.Service;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the jlink image's launcher ({@code target/image/bin/mr-demo}, no JDK involved) on a
 * directory of known files and reads what it wrote back with independent readers.
 */
class RuntimeImageIT {
    private static final Path LAUNCHER = Path.of("target", "image", "bin", "mr-demo");

    @TempDir
    static Path work;
    static Path input;
    static Map<String, String> expectedSha = new TreeMap<>();

    @BeforeAll
    static void files() throws Exception {
        input = Files.createDirectories(work.resolve("input"));
        for (int i = 0; i < 60; i++) {
            Path dir = Files.createDirectories(input.resolve("d" + (i % 4)));
            String body = "file " + i + "\n" + "é,\"quoted\"\n".repeat(i);
            Path f = dir.resolve("f" + i + ".txt");
            Files.writeString(f, body);
            expectedSha.put("d" + (i % 4) + "/f" + i + ".txt",
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8))));
        }
    }

    record Run(int exit, String out, String err) {
    }

    static Run demo(String... args) throws Exception {
        assertThat(LAUNCHER).as("the image's launcher").isExecutable();
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(work, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, Files.readString(err));
    }

    @Test
    void scansIntoSqliteAndWritesOneFilePerFormat() throws Exception {
        Path out = work.resolve("one-file");
        Run run = demo("--workers", "6", "--mode", "CONCURRENT", "--format", "csv,jsonl,xlsx", "--out", out.toString(),
                "--inject-read-failures", "2", input.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("scanned 60 files", "6 CONCURRENT workers", "retried reads  2", "failed files   0",
                "60 rows in mr_demo_files");
        assertThat(run.err()).doesNotContain("SLF4J", "Log4j", "WARNING");

        Map<String, String> csvSha = new TreeMap<>();
        try (Reader r = Files.newBufferedReader(out.resolve("report.csv"))) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                csvSha.put(rec.get("path"), rec.get("sha256"));
                assertThat(rec.get("worker")).matches("scan-worker-[1-6]");
            }
        }
        assertThat(csvSha).isEqualTo(expectedSha);
        assertThat(Files.readAllLines(out.resolve("report.jsonl"))).hasSize(60).allMatch(l -> l.startsWith("{\"path\":"));
        try (XSSFWorkbook book = new XSSFWorkbook(out.resolve("report.xlsx").toFile())) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(60); // header + 60 rows
        }
        assertThat(out.resolve("files.db")).isNotEmptyFile();
    }

    /**
     * The image's mariadb plugin and MariaDB Connector/J (an explicit module, no moditect descriptor)
     * store the scan in MariaDB through a {@code jdbc:mariadb:} URL; the rows are read back here
     * with plain JDBC, outside the image.
     */
    @Test
    void storesTheScanInMariaDbThroughConnectorJ() throws Exception {
        String url = TestBackends.require(Service.MARIADB_CONNECTORJ);
        Path out = work.resolve("mariadb");
        Run run = demo("--workers", "4", "--db", url, "--format", "csv", "--no-progress", "--out", out.toString(),
                input.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("scanned 60 files", "60 rows in mr_demo_files");
        assertThat(run.err()).doesNotContain("SLF4J", "WARNING", "Exception");
        Map<String, String> stored = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT path, sha256 FROM mr_demo_files")) {
            assertThat(c.getMetaData().getDriverName()).isEqualTo("MariaDB Connector/J");
            while (rs.next()) {
                stored.put(rs.getString(1), rs.getString(2));
            }
        }
        assertThat(stored).isEqualTo(expectedSha);
    }

    @Test
    void zipStrategyPutsEachWorkersFileInOneArchive() throws Exception {
        Path out = work.resolve("zip");
        Run run = demo("--workers", "3", "--strategy", "zip", "--format", "csv", "--out", out.toString(), input.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        int rows = 0;
        try (ZipFile zip = new ZipFile(out.resolve("report.zip").toFile())) {
            List<? extends ZipEntry> entries = zip.stream().toList();
            assertThat(entries).isNotEmpty().hasSizeLessThanOrEqualTo(3);
            for (ZipEntry e : entries) {
                assertThat(e.getName()).matches("report-scan-worker-[1-3]\\.csv");
                rows += (int) new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8).lines().count() - 1;
            }
        }
        assertThat(rows).isEqualTo(60);
    }

    @Test
    void badArgumentsGiveOneLineAndUsageWithExitCode2() throws Exception {
        Run run = demo("--workers", "zero");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines().findFirst()).contains("mr-demo: --workers must be a whole number > 0 but was 'zero'");
        assertThat(run.err()).contains("usage: mr-demo");

        Run help = demo("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--workers", "--mode", "--db", "--format", "--strategy", "--out", "--max-open",
                "--attempts", "--inject-read-failures", "--no-progress", "--help");
    }

    @Test
    void theDistributedModeSaysWhatIsMissingFromTheImage() throws Exception {
        Run client = demo("--distributed", "redis://:secret@127.0.0.1:6379", ".");
        assertThat(client.exit()).isEqualTo(2);
        assertThat(client.err()).contains("mr-demo: the distributed mode needs the module io.multirunnable.distributed.redis")
                .doesNotContain("NoClassDefFoundError");
        Run worker = demo("worker", "--redis", "redis://127.0.0.1:6379");
        assertThat(worker.exit()).isEqualTo(2);
        assertThat(worker.err()).contains("mr-demo worker: the distributed mode needs");
    }

    @Test
    void imageHoldsEveryPluginAsAnExplicitModule() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of("target", "image", "bin", "java").toString(), "--list-modules")
                .redirectErrorStream(true).start();
        String modules = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        assertThat(modules).contains("io.multirunnable.core@", "io.multirunnable.persistence.sqlite@",
                "io.multirunnable.persistence.postgres@", "io.multirunnable.persistence.mysql@",
                "io.multirunnable.persistence.mariadb@", "org.mariadb.jdbc@",
                "io.multirunnable.fao.fastexcel@", "org.dhatim.fastexcel@", "opczip", "org.postgresql.jdbc@",
                "mysql.connector.j@", "org.xerial.sqlitejdbc@", "com.zaxxer.hikari@");
        // xlsx-fastexcel, not POI (18 MB of jars, automatic modules): see README "two xlsx writers"
        assertThat(modules).doesNotContain("org.apache.poi.ooxml");
    }
}
