package io.multirunnable.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The import graph of mr-api, read from its sources: an SPI interface is the contract an
 * implementer reads, so it may name the API types of its signatures but must never reach back
 * into the look-up machinery, and no chain of references may lead from an SPI type back to itself.
 *
 * <p>Edges are the types a file names in code (imports, qualified names, same-package names);
 * comments, strings and {@code @Deprecated} members (kept only for old callers, due for removal)
 * do not count. {@link Providers} is where API entry points hand over to the SPI; the JVM's
 * {@link java.util.ServiceLoader}, not an import, closes that loop, so the bridge is left out of
 * the cycle search — and the first rule makes sure no SPI type names it.
 *
 * <p>The sources read are {@code src/main/java}, or the folder named by the system property
 * {@code mr.importcheck.sources} (used to show that the check fails on older trees).
 */
class ImportCycleTest {
    private static final Pattern PACKAGE = Pattern.compile("\\bpackage\\s+([\\w.]+)\\s*;");
    private static final Pattern IMPORT = Pattern.compile("\\bimport\\s+(static\\s+)?([\\w.]+)(\\.\\*)?\\s*;");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][\\w$]*(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*)*");
    private static final String BRIDGE = Providers.class.getName();

    private static Map<String, Set<String>> graph;

    @BeforeAll
    static void readSources() throws IOException {
        Path root = Path.of(System.getProperty("mr.importcheck.sources", "src/main/java"));
        graph = dependencies(root);
        assertThat(graph).as("types read from %s", root.toAbsolutePath()).hasSizeGreaterThan(20);
    }

    @Test
    void spiTypesNameNoLookUpCode() {
        Map<String, Set<String>> offending = new TreeMap<>();
        for (var entry : graph.entrySet()) {
            if (!isSpi(entry.getKey())) {
                continue;
            }
            for (String target : entry.getValue()) {
                // A leaf helper such as Check (it names no type of ours) is not look-up code.
                if (isInternal(target) && !graph.getOrDefault(target, Set.of()).isEmpty()) {
                    offending.computeIfAbsent(entry.getKey(), k -> new TreeSet<>()).add(target);
                }
            }
        }
        assertThat(offending).as("SPI types naming internal look-up code").isEmpty();
    }

    @Test
    void noReferenceChainLeadsFromAnSpiTypeBackToItself() {
        Map<String, Set<String>> withoutBridge = new HashMap<>();
        graph.forEach((from, to) -> {
            if (!from.equals(BRIDGE)) {
                Set<String> kept = new TreeSet<>(to);
                kept.remove(BRIDGE);
                withoutBridge.put(from, kept);
            }
        });
        List<Set<String>> circles = new ArrayList<>();
        for (Set<String> component : stronglyConnected(withoutBridge)) {
            if (component.size() > 1 && component.stream().anyMatch(ImportCycleTest::isSpi)) {
                circles.add(component);
            }
        }
        assertThat(circles).as("import circles through SPI types").isEmpty();
    }

    @Test
    void theCheckSeesTheEdgesItJudges() {
        // Guards the parser: if it stopped seeing references, both checks above would pass vacuously.
        assertThat(graph.get("io.multirunnable.spi.RunnerProvider")).contains("io.multirunnable.WorkerContext",
                "io.multirunnable.SimpleExecutor");
        assertThat(graph.get("io.multirunnable.sync.Sync")).contains("io.multirunnable.sync.spi.SyncProvider",
                "io.multirunnable.internal.Check");
        assertThat(stronglyConnected(Map.of("a.spi.A", Set.of("b.B"), "b.B", Set.of("a.spi.A"))))
                .contains(Set.of("a.spi.A", "b.B"));
    }

    private static boolean isSpi(String type) {
        return type.substring(0, type.lastIndexOf('.')).endsWith(".spi");
    }

    private static boolean isInternal(String type) {
        return type.startsWith("io.multirunnable.internal.");
    }

    /** Type name → the types of this source tree it names. */
    static Map<String, Set<String>> dependencies(Path root) throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().equals("module-info.java")
                            && !f.getFileName().toString().equals("package-info.java"))
                    .sorted()
                    .forEach(f -> {
                        String code = withoutDeprecatedMembers(strip(read(f)));
                        Matcher m = PACKAGE.matcher(code);
                        String pkg = m.find() ? m.group(1) : "";
                        String simple = f.getFileName().toString().replace(".java", "");
                        sources.put(pkg.isEmpty() ? simple : pkg + "." + simple, code);
                    });
        }
        Set<String> known = sources.keySet();
        Map<String, Set<String>> edges = new TreeMap<>();
        sources.forEach((type, code) -> {
            String pkg = type.substring(0, Math.max(0, type.lastIndexOf('.')));
            Map<String, String> visible = new HashMap<>();
            for (String other : known) {
                if (other.substring(0, Math.max(0, other.lastIndexOf('.'))).equals(pkg)) {
                    visible.put(simpleName(other), other);
                }
            }
            Set<String> out = new TreeSet<>();
            Matcher imports = IMPORT.matcher(code);
            while (imports.find()) {
                String name = imports.group(2);
                if (imports.group(3) != null) {
                    for (String other : known) {
                        if (other.startsWith(name + ".") && other.indexOf('.', name.length() + 1) < 0) {
                            visible.putIfAbsent(simpleName(other), other);
                        }
                    }
                } else {
                    String target = longestKnownPrefix(name, known);
                    if (target != null) {
                        out.add(target);
                        visible.put(simpleName(target), target);
                    }
                }
            }
            Matcher names = NAME.matcher(IMPORT.matcher(PACKAGE.matcher(code).replaceAll(" ")).replaceAll(" "));
            while (names.find()) {
                String name = names.group().replaceAll("\\s", "");
                String target = longestKnownPrefix(name, known);
                if (target == null) {
                    int dot = name.indexOf('.');
                    target = visible.get(dot < 0 ? name : name.substring(0, dot));
                }
                if (target != null && !target.equals(type)) {
                    out.add(target);
                }
            }
            edges.put(type, out);
        });
        return edges;
    }

    private static String longestKnownPrefix(String dotted, Set<String> known) {
        String candidate = dotted;
        while (true) {
            if (known.contains(candidate)) {
                return candidate;
            }
            int dot = candidate.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            candidate = candidate.substring(0, dot);
        }
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The code with comments, strings, text blocks and character literals blanked out. */
    static String strip(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The code without the members (or types) annotated {@code @Deprecated}. */
    static String withoutDeprecatedMembers(String code) {
        StringBuilder out = new StringBuilder(code);
        int at;
        while ((at = out.indexOf("@Deprecated")) >= 0) {
            int i = at + "@Deprecated".length();
            int end = -1;
            int parens = 0;
            for (; i < out.length(); i++) {
                char c = out.charAt(i);
                if (c == '(') {
                    parens++;
                } else if (c == ')') {
                    parens--;
                } else if (c == ';' && parens == 0) {
                    end = i + 1;
                    break;
                } else if (c == '{' && parens == 0) {
                    end = matchingBrace(out, i) + 1;
                    break;
                }
            }
            out.replace(at, end < 0 ? out.length() : end, " ");
        }
        return out.toString();
    }

    private static int matchingBrace(CharSequence code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return code.length() - 1;
    }

    /** Tarjan's strongly connected components. */
    static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new LinkedHashSet<>();
        List<Set<String>> components = new ArrayList<>();
        int[] counter = {0};
        for (String node : new TreeSet<>(graph.keySet())) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, components, counter);
            }
        }
        return components;
    }

    private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<Set<String>> components, int[] counter) {
        index.put(node, counter[0]);
        low.put(node, counter[0]);
        counter[0]++;
        stack.push(node);
        onStack.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, onStack, components, counter);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            components.add(component);
        }
    }
}
