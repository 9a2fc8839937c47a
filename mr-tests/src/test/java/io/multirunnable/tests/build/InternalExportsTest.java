package io.multirunnable.tests.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code io.multirunnable.internal} is exported, qualified, to exactly the modules whose main code
 * uses it: a target that never imports it would be a door left open for nothing, and a module that
 * imports it without being a target would not compile on the module path.
 */
class InternalExportsTest {
    private static final Pattern MODULE = Pattern.compile("^\\s*(?:open\\s+)?module\\s+([\\w.]+)", Pattern.MULTILINE);

    @Test
    void theQualifiedExportNamesExactlyTheModulesThatImportIt() throws IOException {
        ModuleDescriptor api = io.multirunnable.MultiRunnable.class.getModule().getDescriptor();
        Set<String> targets = api.exports().stream().filter(e -> e.source().equals("io.multirunnable.internal"))
                .findFirst().orElseThrow().targets();

        Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
        Set<String> importers = new TreeSet<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path dir : modules.filter(d -> Files.isRegularFile(d.resolve("src/main/java/module-info.java"))).toList()) {
                Matcher m = MODULE.matcher(Files.readString(dir.resolve("src/main/java/module-info.java")));
                assertThat(m.find()).as("module name in %s", dir).isTrue();
                String name = m.group(1);
                if (!name.equals(api.name()) && usesInternal(dir.resolve("src/main/java"))) {
                    importers.add(name);
                }
            }
        }
        assertThat(importers).as("modules whose main code uses io.multirunnable.internal").isNotEmpty();
        assertThat(new TreeSet<>(targets)).isEqualTo(importers);
    }

    private static boolean usesInternal(Path sources) throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("module-info.java"))
                    .anyMatch(f -> read(f).contains("io.multirunnable.internal."));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
