package io.multirunnable.tests.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.tests.support.TestEnv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class-path users: the plugins' META-INF/services files make the drivers appear without module-info. */
class ClassPathTest {

    @Test
    void driverPluginsAreFoundOnTheClassPath(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("cp.db");
        Process p = new ProcessBuilder(TestEnv.javaLauncher().toString(), "-cp", TestEnv.childClassPath(ClassPathProbe.class),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", ClassPathProbe.class.getName(), db.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        // The test-only H2 plugin is declared with `provides` only, so on the class path it is absent.
        assertThat(out).contains("module=false", "drivers=[mariadb, mysql, postgresql, sqlite]", "value=cp");
        assertThat(Files.exists(db)).isTrue();
    }
}
