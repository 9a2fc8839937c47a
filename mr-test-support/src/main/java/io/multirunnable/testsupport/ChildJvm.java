package io.multirunnable.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines for child JVMs that multi-process tests start (crash, lease and multi-JVM tests): the
 * same launcher, module path and class path as the test JVM, the module under test patched with its
 * test classes so a test class can be the child's main class.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * A command line running {@code mainClass} of {@code module} (a class of that module's tests) in a new
     * JVM. Small stacks and C1 only, because children are short-lived; {@code jvmOptions} come after
     * those, so they can override them.
     *
     * @throws IllegalStateException when the tests are not running on the module path, or the module's
     *         {@code target/test-classes} is missing
     */
    public static List<String> command(String module, String mainClass, List<String> jvmOptions, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xss512k");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(jvmOptions);
        String mp = System.getProperty("jdk.module.path");
        if (mp == null || mp.isBlank()) {
            throw new IllegalStateException("tests are not running on the module path (jdk.module.path is unset)");
        }
        cmd.add("--module-path");
        cmd.add(mp);
        Path testClasses = Path.of(System.getProperty("basedir", ".")).resolve("target/test-classes").toAbsolutePath();
        if (!Files.isDirectory(testClasses)) {
            throw new IllegalStateException("test classes not found at " + testClasses);
        }
        cmd.add("--patch-module");
        cmd.add(module + "=" + testClasses);
        String cp = System.getProperty("java.class.path");
        if (cp != null && !cp.isBlank()) {
            cmd.add("--class-path");
            cmd.add(cp);
            cmd.add("--add-reads");
            cmd.add(module + "=ALL-UNNAMED");
        }
        cmd.add("--module");
        cmd.add(module + "/" + mainClass);
        cmd.addAll(args);
        return cmd;
    }
}
