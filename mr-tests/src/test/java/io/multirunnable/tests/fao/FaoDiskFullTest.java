package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13, defect 1: a save that fails on a full disk must release its file handles and its
 * temporary files at once, in every format and strategy, whether it fails while writing rows or
 * while completing the file on close. Runs on a small tmpfs mounted by the test (root only; the
 * test is skipped elsewhere) and checks {@code /proc/self/fd} and the file system's free space.
 */
class FaoDiskFullTest {
    private static final int MOUNT_KB = 256;

    @TempDir
    Path base;
    Path mnt;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd (Linux)");
        mnt = Files.createDirectory(base.resolve("small-disk"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + MOUNT_KB + "k", "tmpfs", mnt.toString()),
                "mounting a tmpfs needs root");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mnt != null && isMounted()) {
            run("umount", "-l", mnt.toString());
        }
    }

    private boolean isMounted() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream().anyMatch(l -> l.split(" ")[1].equals(mnt.toString()));
    }

    private static boolean run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        p.getInputStream().readAllBytes();
        return p.exitValue() == 0;
    }

    /** The files this JVM has open on the small disk (also deleted ones, which keep their space). */
    private List<String> openFilesOnDisk() throws IOException {
        List<String> open = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith(mnt.toString())) {
                        open.add(fd.getFileName() + " -> " + target);
                    }
                } catch (IOException gone) {
                    // the descriptor closed while listing (the listing's own, or another thread's)
                }
            }
        }
        return open;
    }

    private List<String> filesOnDisk() throws IOException {
        try (Stream<Path> s = Files.list(mnt)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void assertEverythingReleased(String ballast) throws IOException {
        assertThat(openFilesOnDisk()).as("file handles left open on the full disk").isEmpty();
        assertThat(filesOnDisk()).as("files left on the full disk").isEqualTo(ballast == null ? List.of() : List.of(ballast));
        if (ballast != null) {
            Files.delete(mnt.resolve(ballast));
        }
        FileStore store = Files.getFileStore(mnt);
        assertThat(store.getUnallocatedSpace()).as("space of deleted but open files is given back")
                .isEqualTo(store.getTotalSpace());
    }

    static Stream<Arguments> formatsAndStrategies() {
        List<Arguments> all = new ArrayList<>();
        // each case -Dmr.fao.loops times (default once) for loop runs
        for (int loop = Integer.getInteger("mr.fao.loops", 1); loop > 0; loop--) {
            for (String format : List.of("csv", "json", "jsonl", "xlsx")) {
                for (SavingStrategy strategy : FaoConcurrencyTest.fileStrategies()) { // ONE_SHEET_PER_WORKER: XlsxWritersTest, XlsxSheetsPropertiesTest
                    all.add(Arguments.of(format, strategy));
                }
            }
        }
        return all.stream();
    }

    /**
     * Rows of about 200 bytes each, of random text: xlsx-fastexcel deflates while it writes, and
     * repeated text would shrink to nothing instead of filling the disk.
     */
    private static List<List<Object>> rows(int n) {
        Random random = new Random(42);
        byte[] bytes = new byte[142];
        return IntStream.range(0, n).mapToObj(i -> {
            random.nextBytes(bytes);
            return List.<Object>of(i, Base64.getEncoder().encodeToString(bytes));
        }).toList();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formatsAndStrategies")
    void aSaveFailingOnAFullDiskReleasesItsFileHandlesAndTemporaryFiles(String format, SavingStrategy strategy) throws Exception {
        Throwable failure = null;
        Fao fao = Fao.of(strategy);
        try {
            fao.save(format, mnt.resolve("out." + format), List.of("n", "text"), rows(MOUNT_KB * 1024 / 100));
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        try {
            fao.close();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        if (failure == null) {
            fail("twice the disk's size was written without an error");
        }
        assertThat(chain(failure)).as("the failure is the full disk").contains("No space left on device");
        assertEverythingReleased(null);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formatsAndStrategies")
    void aFileThatFillsTheDiskOnCloseReleasesItsFileHandlesAndTemporaryFiles(String format, SavingStrategy strategy)
            throws Exception {
        // a ballast leaves about 20 KB: the rows fit in the writers' buffers, completing them does not
        Path ballast = mnt.resolve("ballast");
        Files.write(ballast, new byte[(MOUNT_KB - 20) * 1024]);
        Fao fao = Fao.of(strategy);
        Throwable failure = null;
        try {
            fao.save(format, mnt.resolve("out." + format), List.of("n", "text"), rows(200));
        } catch (IOException | RuntimeException e) {
            failure = e; // xlsx's buffers are smaller: it may fail while saving
        }
        try {
            fao.close();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        if (failure == null) {
            fail("40 KB went onto a disk with 20 KB free without an error");
        }
        assertThat(chain(failure)).contains("No space left on device");
        assertThat(fao.published()).isEmpty();
        assertEverythingReleased("ballast");
    }

    @Test
    void aZipArchiveThatDoesNotFitOnCloseReleasesItsFileHandlesAndTemporaryFiles() throws Exception {
        // two entries of incompressible text fit; the archive holding them again does not
        Random random = new Random(13);
        byte[] bytes = new byte[60 * 1024];
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            random.nextBytes(bytes);
            rows.add(List.of(Base64.getEncoder().encodeToString(bytes)));
        }
        Fao fao = Fao.builder().withStrategy(SavingStrategy.ONE_THREAD_ONE_FILE_AND_COMPRESS_ALL)
                .withZipFile(mnt.resolve("all.zip")).build();
        fao.save("csv", mnt.resolve("a.csv"), List.of("data"), rows.subList(0, 1));
        fao.save("csv", mnt.resolve("b.csv"), List.of("data"), rows.subList(1, 2));
        try {
            fao.close();
            fail("the archive fitted; the test needs one that does not");
        } catch (IOException e) {
            assertThat(chain(e)).contains("No space left on device");
        }
        assertThat(fao.published()).isEmpty();
        assertEverythingReleased(null);
    }

    private static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append(" / ");
            for (Throwable s : c.getSuppressed()) {
                sb.append(s).append(" / ");
            }
        }
        return sb.toString();
    }
}
