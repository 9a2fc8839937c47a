package io.multirunnable.tests.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * mr-bom pins our artifacts and nothing else. A user who imports it must not get JUnit, jqwik,
 * Testcontainers, H2, JMH or slf4j-simple versions forced on their build (issue 14). Its effective
 * dependencyManagement is exactly what its file says as long as it has no parent and imports no
 * other BOM; both are checked here, then each entry, then that every published module is listed.
 */
class BomTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    @Test
    void theBomHasNoParentSoItInheritsNoThirdPartyVersions() throws Exception {
        Element bom = pom(ROOT.resolve("mr-bom/pom.xml"));
        assertThat(child(bom, "parent")).as("mr-bom must not have a <parent>").isNull();
        assertThat(child(bom, "dependencies")).as("mr-bom must not declare dependencies").isNull();
        assertThat(text(bom, "version")).as("mr-bom version = reactor version")
                .isEqualTo(text(pom(ROOT.resolve("pom.xml")), "version"));
    }

    @Test
    void theBomManagesOnlyOurOwnArtifactsAtTheReactorVersion() throws Exception {
        for (Element dep : managed(pom(ROOT.resolve("mr-bom/pom.xml")))) {
            String id = text(dep, "groupId") + ":" + text(dep, "artifactId");
            assertThat(text(dep, "groupId")).as(id).isEqualTo("io.multirunnable");
            assertThat(text(dep, "version")).as(id).isEqualTo("${project.version}");
            assertThat(text(dep, "scope")).as(id + " must not be an import (it would pin that BOM's versions)").isNull();
        }
    }

    @Test
    void everyPublishedModuleIsInTheBomAndNothingUnpublishedIs() throws Exception {
        Set<String> published = new TreeSet<>();
        Element root = pom(ROOT.resolve("pom.xml"));
        for (Element module : children(child(root, "modules"), "module")) {
            Element pom = pom(ROOT.resolve(module.getTextContent().trim()).resolve("pom.xml"));
            Element props = child(pom, "properties");
            boolean unpublished = props != null && "true".equals(text(props, "mr.unpublished"));
            boolean isBom = "pom".equals(text(pom, "packaging"));
            if (!unpublished && !isBom) {
                published.add(text(pom, "artifactId"));
            }
        }
        Set<String> inBom = new TreeSet<>();
        managed(pom(ROOT.resolve("mr-bom/pom.xml"))).forEach(d -> inBom.add(text(d, "artifactId")));
        assertThat(published).as("published modules of the reactor").isNotEmpty().contains("mr-api", "mr-core");
        assertThat(inBom).as("artifacts in mr-bom").isEqualTo(published);
    }

    /** Logging backends a library must leave to the application (SLF4J's and Log4j's advice to libraries). */
    private static final Set<String> BINDINGS = Set.of("slf4j-simple", "slf4j-nop", "slf4j-jdk14", "slf4j-reload4j",
            "logback-classic", "log4j-core", "log4j-to-jul", "log4j-to-slf4j", "log4j-slf4j2-impl", "log4j-slf4j-impl");

    /**
     * Issue 14 item 6: the quiet first run is documented (README "Logging"), not forced. A published
     * module that brought a backend at compile or runtime scope would choose the user's logging for them.
     */
    @Test
    void noPublishedModuleForcesALoggingBackendOnItsUsers() throws Exception {
        Element root = pom(ROOT.resolve("pom.xml"));
        int checked = 0;
        for (Element module : children(child(root, "modules"), "module")) {
            Element pom = pom(ROOT.resolve(module.getTextContent().trim()).resolve("pom.xml"));
            Element props = child(pom, "properties");
            if (props != null && "true".equals(text(props, "mr.unpublished"))) {
                continue;
            }
            checked++;
            for (Element dep : children(child(pom, "dependencies"), "dependency")) {
                String scope = text(dep, "scope");
                boolean reachesUsers = scope == null || scope.equals("compile") || scope.equals("runtime");
                assertThat(reachesUsers && BINDINGS.contains(text(dep, "artifactId")))
                        .as(text(pom, "artifactId") + " depends on the logging backend " + text(dep, "artifactId")
                                + " at scope " + (scope == null ? "compile" : scope) + "; leave the backend to the application")
                        .isFalse();
            }
        }
        assertThat(checked).isGreaterThan(5);
    }

    private static List<Element> managed(Element pom) {
        Element dm = child(pom, "dependencyManagement");
        assertThat(dm).as("mr-bom has a <dependencyManagement>").isNotNull();
        return children(child(dm, "dependencies"), "dependency");
    }

    private static Element pom(Path file) throws Exception {
        assertThat(file).exists();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        Document doc = f.newDocumentBuilder().parse(Files.newInputStream(file));
        return doc.getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
