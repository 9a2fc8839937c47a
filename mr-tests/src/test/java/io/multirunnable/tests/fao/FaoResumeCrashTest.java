package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.multirunnable.fao.SavingStrategy;
import io.multirunnable.tests.support.TestEnv;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 18.1: a resumable job ({@link FaoResumeChild}: 120 keys, 4 workers) is killed with
 * SIGKILL at random points, {@code -Dmr.fao.resume.kills} times (default 20) per case, and
 * resumed each time: during the JVM start and recovery, after a random number of saves (other
 * workers are then mid-record), and inside each step of the final publication (assembling the
 * file, after its fsync, right after the rename, after the directory fsync, after the journal
 * was renamed away). After every run the published file(s), if any, are parsed by Python's
 * csv / json modules: each key present once, whole, rows exact. A last run is let finish: every
 * key exactly once, row counts exact, nothing left beside the file.
 */
class FaoResumeCrashTest {
    private static final int KILLS = Integer.getInteger("mr.fao.resume.kills", 20);
    private static final List<String> PUBLISH_STEPS = List.of("assemble", "sync", "move", "syncdir", "dropped");
    private static final String VERIFY = """
            import csv, json, sys
            fmt = sys.argv[1]
            errors, keys = [], {}
            def text(i): return 'r%d "q",\\nend' % i
            for path in sys.argv[2:]:
                rows = []
                if fmt == 'csv':
                    with open(path, newline='', encoding='utf-8') as f:
                        recs = list(csv.reader(f, strict=True))
                    if not recs or recs[0] != ['key', 'i', 'text']:
                        errors.append(path + ': header ' + repr(recs[:1]))
                    for r in recs[1:]:
                        rows.append((r[0], int(r[1]), r[2]) if len(r) == 3 else None)
                else:
                    with open(path, encoding='utf-8') as f:
                        for line in f:
                            o = json.loads(line)
                            rows.append((o['key'], o['i'], o['text']) if list(o.keys()) == ['key', 'i', 'text'] else None)
                prev = None
                for r in rows:
                    if r is None:
                        errors.append(path + ': malformed row after ' + repr(prev)); continue
                    k, i, t = r
                    if t != text(i):
                        errors.append(path + ': row %s/%d has text %r' % (k, i, t))
                    if i == 0:
                        if k in keys: errors.append('key %s appears twice' % k)
                        keys[k] = 0
                    elif prev != (k, i - 1):
                        errors.append(path + ': row %s/%d out of place after %r' % (k, i, prev))
                    keys[k] = keys.get(k, 0) + 1
                    prev = (k, i)
            print(json.dumps({'keys': keys, 'errors': errors[:20]}))
            """;

    @TempDir
    Path dir;

    private final Map<String, Integer> stats = new TreeMap<>();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"csv, ALL_THREADS_ONE_FILE", "jsonl, ONE_THREAD_ONE_FILE"})
    void killedAtRandomPointsAndResumedEveryKeyEndsUpOnce(String format, SavingStrategy strategy) throws Exception {
        Path target = dir.resolve("out." + format);
        Random random = new Random(Long.getLong("mr.fao.resume.seed", System.nanoTime()));
        int kills = 0;
        int runs = 0;
        while (kills < KILLS) {
            runs++;
            assertThat(runs).as("runs needed for %d kills", KILLS).isLessThan(KILLS * 4);
            double p = random.nextDouble();
            String plan;
            if (p < 0.1) {
                plan = "start:" + random.nextInt(400);
            } else if (p < 0.55) {
                plan = "saves:" + (1 + random.nextInt(25));
            } else {
                plan = "step:" + PUBLISH_STEPS.get(random.nextInt(PUBLISH_STEPS.size())) + ":" + (1 + random.nextInt(2));
            }
            String outcome = runChild(target, format, strategy, plan, random);
            stats.merge(outcome, 1, Integer::sum);
            if (!outcome.equals("completed")) {
                kills++;
            }
            Map<String, Integer> seen = verify(format, target);
            int run = runs;
            seen.forEach((k, n) -> assertThat(n).as("rows of %s after run %d (%s)", k, run, outcome)
                    .isEqualTo(FaoResumeChild.rowsOf(Integer.parseInt(k.substring(1)))));
        }
        String last = runChild(target, format, strategy, "none", random);
        assertThat(last).isEqualTo("completed");
        Map<String, Integer> all = verify(format, target);
        assertThat(all).hasSize(FaoResumeChild.KEYS);
        all.forEach((k, n) -> assertThat(n).as("rows of " + k).isEqualTo(FaoResumeChild.rowsOf(Integer.parseInt(k.substring(1)))));
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(x -> x.getFileName().toString()).filter(n -> n.startsWith(".")).toList())
                    .as("no journal or temporary file left").isEmpty();
        }
        String report = format + " " + strategy + ": " + kills + " kills in " + runs + " runs " + stats;
        System.out.println("FaoResumeCrashTest " + report);
        Files.writeString(Path.of("target", "fao-resume-crash-" + format + ".txt"), report + System.lineSeparator());
    }

    /** Runs the job once; kills it as {@code plan} says. Returns how the run ended. */
    private String runChild(Path target, String format, SavingStrategy strategy, String plan, Random random) throws Exception {
        Process child = new ProcessBuilder(TestEnv.javaLauncher().toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", TestEnv.childClassPath(FaoResumeChild.class),
                FaoResumeChild.class.getName(), target.toString(), format, strategy.name())
                .redirectErrorStream(true).start();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                if (!child.waitFor(180, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException ignored) {
                // the run ended
            }
        });
        Deque<String> tail = new ArrayDeque<>();
        String outcome = null;
        boolean closing = false;
        int saves = 0;
        Map<String, Integer> steps = new HashMap<>();
        String[] p = plan.split(":");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                tail.addLast(line);
                if (tail.size() > 60) {
                    tail.removeFirst();
                }
                if (line.contains("dropping a torn tail")) {
                    stats.merge("torn tails cut on resume", 1, Integer::sum);
                }
                if (line.startsWith("RESUMED ") && !line.equals("RESUMED 0")) {
                    stats.merge("runs resuming durable keys", 1, Integer::sum);
                }
                if (outcome != null) {
                    break; // destroying the process closed its streams
                }
                if (line.equals("READY") && p[0].equals("start")) {
                    Thread.sleep(Integer.parseInt(p[1]));
                    outcome = kill(child, "killed starting/recovering");
                } else if (line.startsWith("SAVED ") && p[0].equals("saves") && ++saves == Integer.parseInt(p[1])) {
                    if (random.nextBoolean()) {
                        Thread.sleep(random.nextInt(5));
                    }
                    outcome = kill(child, "killed saving");
                } else if (line.equals("CLOSING")) {
                    closing = true;
                } else if (closing && line.startsWith("STEP ") && p[0].equals("step")) {
                    String kind = line.substring(5, line.indexOf(' ', 5));
                    if (kind.equals(p[1]) && steps.merge(kind, 1, Integer::sum) == Integer.parseInt(p[2])) {
                        outcome = kill(child, "killed publishing at " + kind);
                    }
                }
                if (outcome != null) {
                    break; // destroying the process closed its streams
                }
            }
        }
        assertThat(child.waitFor(180, TimeUnit.SECONDS)).isTrue();
        watchdog.interrupt();
        if (outcome == null) {
            assertThat(child.exitValue()).as("the job failed:\n" + String.join("\n", tail)).isZero();
            assertThat(tail).as("output:\n" + String.join("\n", tail)).contains("DONE");
            outcome = "completed";
        }
        return outcome;
    }

    private static String kill(Process child, String outcome) {
        child.destroyForcibly(); // SIGKILL
        return outcome;
    }

    /** The published file(s), parsed by Python: key → rows; fails on any duplicate, torn or misplaced row. */
    private Map<String, Integer> verify(String format, Path target) throws Exception {
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            String stem = "out";
            s.map(x -> x.getFileName().toString())
                    .filter(n -> n.endsWith("." + format) && (n.equals(stem + "." + format) || n.startsWith(stem + "-w")))
                    .sorted().forEach(n -> files.add(dir.resolve(n).toString()));
        }
        if (files.isEmpty()) {
            return Map.of();
        }
        Path script = dir.resolveSibling(dir.getFileName() + "-verify.py");
        Files.writeString(script, VERIFY);
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString(), format));
        cmd.addAll(files);
        Process py = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String json = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(py.waitFor()).as("python3: " + json).isZero();
        JsonNode result = new ObjectMapper().readTree(json);
        assertThat(result.get("errors").size()).as("errors: " + result.get("errors")).isZero();
        Map<String, Integer> keys = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = result.get("keys").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            keys.put(e.getKey(), e.getValue().asInt());
        }
        return keys;
    }
}
