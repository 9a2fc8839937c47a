package io.multirunnable.tests.fao;

import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * A writer that {@link FaoCrashLeftoversTest} kills: saves rows of format {@code args[1]} to
 * {@code args[0]}, prints {@code READY} once 1,500 rows are in its temporary files, then waits
 * to be killed.
 */
public final class FaoCrashChild {
    private FaoCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Iterable<List<Object>> rows = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                if (i == 1500) {
                    System.out.println("READY");
                    System.out.flush();
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return true;
            }

            @Override
            public List<Object> next() {
                i++;
                return List.of(i, "row " + i);
            }
        };
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            fao.save(args[1], Path.of(args[0]), List.of("n", "s"), rows);
        }
    }
}
