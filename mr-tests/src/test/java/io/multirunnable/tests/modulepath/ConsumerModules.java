package io.multirunnable.tests.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.tests.support.TestEnv;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;

/** Compiles a one-class consumer module against our jars and runs it in a fresh JVM. */
final class ConsumerModules {
    private ConsumerModules() {
    }

    record Result(int exit, String output) {
    }

    /** Compiles {@code module-info.java} ({@code descriptor}) and {@code app/Main.java} into {@code dir/<module>-classes}. */
    static Path compile(Path dir, String module, String descriptor, String main, List<Path> modulePath) throws IOException {
        Path src = dir.resolve(module + "-src");
        Path out = dir.resolve(module + "-classes");
        Files.createDirectories(src.resolve("app"));
        Files.writeString(src.resolve("module-info.java"), descriptor);
        Files.writeString(src.resolve("app/Main.java"), main);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, err, "-d", out.toString(), "--release", "21",
                "--module-path", modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                src.resolve("module-info.java").toString(), src.resolve("app/Main.java").toString());
        assertThat(rc).as("javac: " + err.toString(StandardCharsets.UTF_8)).isZero();
        return out;
    }

    /** {@code first} then {@code rest}, joined with the path separator. */
    static String path(Path first, List<Path> rest) {
        List<String> all = new ArrayList<>();
        all.add(first.toString());
        rest.forEach(p -> all.add(p.toString()));
        return String.join(File.pathSeparator, all);
    }

    /** Runs the test JVM's {@code java} with {@code args}; stdout and stderr together. */
    static Result java(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(TestEnv.javaLauncher().toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
