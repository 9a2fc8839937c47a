package io.multirunnable.tests.fao;

import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The job {@link FaoResumeCrashTest} kills again and again: {@value #KEYS} keys, each a chunk of
 * rows (sizes from {@link #rowsOf(int)}), saved by 4 workers into a resumable {@code Fao}, skipping
 * the keys a killed run made durable. Prints {@code SAVED key} after each save, {@code CLOSING}
 * before close and {@code DONE} after it. Runs on the class path, so it can hook the FAO's
 * internal durability observer: each publication step is printed ({@code STEP kind path}) and
 * followed by a 25 ms pause, so the parent can kill it inside that step.
 *
 * <p>Arguments: target, format, strategy.
 */
public final class FaoResumeChild {
    static final int KEYS = 120;
    static final int WORKERS = 4;
    static final List<String> HEADER = List.of("key", "i", "text");

    private FaoResumeChild() {
    }

    /** Rows of key {@code k}: 2,500 for every tenth key (several chunks), else 1 to 700. */
    static int rowsOf(int k) {
        return k % 10 == 0 ? 2500 : 1 + (k * 37) % 700;
    }

    /** The text column of row {@code i}: quotes, a comma and a line break, so a torn CSV row cannot parse as whole. */
    static String text(int i) {
        return "r" + i + " \"q\",\nend";
    }

    static void say(String line) {
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        String format = args[1];
        SavingStrategy strategy = SavingStrategy.valueOf(args[2]);
        Consumer<String> observer = step -> {
            say("STEP " + step);
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Field f = Class.forName("io.multirunnable.fao.internal.AtomicFiles").getDeclaredField("observer");
        f.setAccessible(true);
        f.set(null, observer);
        say("READY");
        try (Fao fao = Fao.builder().withStrategy(strategy).withResume(true).build()) {
            Set<String> done = fao.durableKeys(target);
            say("RESUMED " + done.size());
            if (done.isEmpty() && strategy == SavingStrategy.ONE_THREAD_ONE_FILE) {
                deleteWorkerFiles(target); // a new job: workers that save nothing this time must not leave old files
            }
            ConcurrentLinkedQueue<Integer> todo = new ConcurrentLinkedQueue<>();
            IntStream.range(0, KEYS).filter(k -> !done.contains("k" + k)).forEach(todo::add);
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                workers.add(Thread.ofPlatform().name("w" + w).start(() -> {
                    for (Integer k; (k = todo.poll()) != null; ) {
                        int key = k;
                        Iterable<List<Object>> rows = () -> IntStream.range(0, rowsOf(key))
                                .mapToObj(i -> List.<Object>of("k" + key, i, text(i))).iterator();
                        try {
                            fao.save("k" + key, format, target, HEADER, rows);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        say("SAVED k" + key);
                    }
                }));
            }
            for (Thread t : workers) {
                t.join();
            }
            say("CLOSING");
        }
        say("DONE");
    }

    static void deleteWorkerFiles(Path target) throws IOException {
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        try (DirectoryStream<Path> s = Files.newDirectoryStream(target.getParent(),
                name.substring(0, dot) + "-w*" + name.substring(dot))) {
            for (Path p : s) {
                Files.delete(p);
            }
        }
    }
}
