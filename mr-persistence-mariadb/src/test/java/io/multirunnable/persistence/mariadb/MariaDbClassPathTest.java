package io.multirunnable.persistence.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.testsupport.TestBackends;
import io.multirunnable.testsupport.TestBackends.Service;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Class-path users: without module-info in play, the plugin's {@code META-INF/services} file makes
 * the mariadb driver appear, and Connector/J is found by DriverManager.
 */
class MariaDbClassPathTest {

    @Test
    void thePluginIsFoundOnTheClassPathThroughMetaInfServices() throws Exception {
        String url = TestBackends.require(Service.MARIADB_CONNECTORJ);
        String modulePath = System.getProperty("jdk.module.path", "");
        String classPath = System.getProperty("java.class.path", "");
        Path testClasses = Path.of(System.getProperty("basedir", ".")).resolve("target/test-classes").toAbsolutePath();
        String everything = String.join(File.pathSeparator, testClasses.toString(), modulePath, classPath);
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", everything, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", ClassPathProbe.class.getName(), url))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("module=false", "drivers=[mariadb, mysql]", "driver=mariadb", "value=cp");
    }
}
