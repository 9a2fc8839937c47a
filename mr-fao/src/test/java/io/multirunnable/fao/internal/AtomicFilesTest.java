package io.multirunnable.fao.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** White-box: durability order of publication, and which temporary files count as stale. */
class AtomicFilesTest {
    @TempDir
    Path dir;
    final List<String> steps = new CopyOnWriteArrayList<>();

    @AfterEach
    void unhook() {
        AtomicFiles.observer = null;
    }

    @Test
    void publishingSyncsTheFileBeforeTheRenameAndTheDirectoryAfter() throws Exception {
        AtomicFiles.observer = steps::add;
        Path target = dir.resolve("out.csv");
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            fao.save("csv", target, List.of("a"), List.of(List.of(1)));
        }
        assertThat(steps).hasSize(3);
        assertThat(steps.get(0)).startsWith("sync " + dir.resolve(".out.csv.")).endsWith(".tmp");
        assertThat(steps.subList(1, 3)).containsExactly("move " + target, "syncdir " + dir);
    }

    @Test
    void withoutFsyncOnlyTheRenameHappens() throws Exception {
        AtomicFiles.observer = steps::add;
        Path target = dir.resolve("fast.csv");
        try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE).withFsync(false).build()) {
            fao.save("csv", target, List.of("a"), List.of(List.of(1)));
        }
        assertThat(steps).containsExactly("move " + target);
    }

    @Test
    void onlyTemporaryFilesOfDeadProcessesAreStale() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        assertThat(finished.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Path target = dir.resolve("t.csv");
        Path dead = Files.createFile(dir.resolve(".t.csv." + finished.pid() + "-0-abc.tmp"));
        Path deadBuffer = Files.createFile(dir.resolve(".t.csv." + finished.pid() + "-0-abd.sxssf.tmp"));
        Path mine = AtomicFiles.createTemp(target, null);
        Path live = Files.createFile(dir.resolve(".t.csv." + ProcessHandle.current().parent().orElseThrow().pid() + "-0-x.tmp"));
        Path reused = Files.createFile(dir.resolve(".t.csv." + ProcessHandle.current().parent().orElseThrow().pid() + "-1-y.tmp"));
        Path otherTarget = Files.createFile(dir.resolve(".t.csv.bak." + finished.pid() + "-0-z.tmp"));
        Path notOurs = Files.createFile(dir.resolve(".t.csv.notes.tmp"));
        assertThat(AtomicFiles.removeStale(target)).isEqualTo(3);
        assertThat(dead).doesNotExist();
        assertThat(deadBuffer).doesNotExist();
        assertThat(reused).as("same id, other start time: the writer is dead, the id reused").doesNotExist();
        assertThat(mine).exists();
        assertThat(live).exists();
        assertThat(otherTarget).exists();
        assertThat(notOurs).exists();
    }

    @Test
    void temporaryNamesCarryThisProcessAndItsStartTime() throws Exception {
        Path temp = AtomicFiles.createTemp(dir.resolve("n.xlsx"), "sxssf");
        assertThat(temp.getFileName().toString()).startsWith(".n.xlsx." + AtomicFiles.owner() + "-").endsWith(".sxssf.tmp");
        assertThat(AtomicFiles.owner()).startsWith(ProcessHandle.current().pid() + "-").doesNotEndWith("-0");
    }
}
