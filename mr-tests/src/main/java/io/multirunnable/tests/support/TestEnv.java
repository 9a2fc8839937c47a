package io.multirunnable.tests.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What the tests read from their environment: the module path and the JDK running them (databases: mr-test-support). */
public final class TestEnv {
    private TestEnv() {
    }

    /** The {@code java} launcher of the JVM running the tests (the toolchain JDK). */
    public static Path javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The entries of this JVM's module path (Surefire puts our modules there). */
    public static List<Path> modulePath() {
        String mp = System.getProperty("jdk.module.path");
        if (mp == null || mp.isBlank()) {
            throw new IllegalStateException("tests are not running on the module path (jdk.module.path is unset)");
        }
        List<Path> out = new ArrayList<>();
        for (String e : mp.split(File.pathSeparator)) {
            if (!e.isBlank() && Files.exists(Path.of(e))) {
                out.add(Path.of(e));
            }
        }
        return out;
    }

    /**
     * A class path for a child JVM that runs {@code main} (a test class) as a class-path user:
     * this JVM's module path, its class path, and the directory or jar holding {@code main}.
     */
    public static String childClassPath(Class<?> main) throws java.net.URISyntaxException {
        List<String> entries = new ArrayList<>();
        modulePath().forEach(p -> entries.add(p.toString()));
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!e.isBlank()) {
                entries.add(e);
            }
        }
        entries.add(Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        return String.join(java.io.File.pathSeparator, entries);
    }

    /**
     * Jars and class directories of this test JVM (module path, then class path) whose path contains
     * one of {@code markers} (e.g. {@code "mr-core"}), to build another JVM's module path from.
     * Surefire puts on the module path only what this test module needs; the rest (e.g. a JDBC
     * driver reached through a plugin) is on the class path.
     */
    public static List<Path> modulePathEntries(String... markers) {
        List<Path> all = new ArrayList<>(modulePath());
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank() && Files.exists(Path.of(e)) && !all.contains(Path.of(e))) {
                all.add(Path.of(e));
            }
        }
        return all.stream()
                .filter(p -> Arrays.stream(markers).anyMatch(m -> p.toString().contains(m)))
                .toList();
    }
}
