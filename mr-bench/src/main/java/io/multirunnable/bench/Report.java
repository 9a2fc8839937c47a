package io.multirunnable.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a JMH JSON result into {@code BENCHMARKS.md}: every {@code ours_X} benchmark is paired with
 * each {@code <baseline>_X} of the same class and parameters, and the ratio ours/baseline (time per
 * operation, lower is better) is given with the combined relative error.
 *
 * <p>Usage: {@code Report <jmh-result.json> <BENCHMARKS.md> <profile> <machine description>}
 */
public final class Report {
    private Report() {
    }

    record Score(double value, double error, String unit, Map<String, Score> secondary) {
    }

    /** A target ratio against one baseline (the other baselines of the class are for information). */
    record Target(double max, String baseline) {
    }

    /** Targets from the benchmark issue, by benchmark class. */
    private static final Map<String, Target> TARGETS = Map.ofEntries(
            Map.entry("ExecutorBench", new Target(1.15, "raw")),
            Map.entry("ExecutorLifecycleBench", new Target(1.15, "raw")),
            Map.entry("RepeatedBatchBench", new Target(1.15, "raw")),
            Map.entry("SleepingConcurrentBench", new Target(1.15, "raw")),
            Map.entry("PoolMapBench", new Target(1.5, "raw")),
            Map.entry("SleepingVirtualBench", new Target(1.3, "raw")),
            Map.entry("SyncBench", new Target(1.10, "raw")),
            Map.entry("RetryBench", new Target(1.0, "failsafe")),
            Map.entry("PersistenceBench", new Target(1.1, "raw")),
            Map.entry("StreamBench", new Target(1.1, "raw")),
            Map.entry("FaoBench", new Target(1.25, "raw")),
            Map.entry("XlsxBench", new Target(1.0 / 3, "sxssf")));

    public static void main(String[] args) throws Exception {
        JsonNode root = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        Map<String, Score> scores = new TreeMap<>();
        for (JsonNode run : root) {
            String full = run.get("benchmark").asText();
            String cls = full.substring(full.lastIndexOf('.', full.lastIndexOf('.') - 1) + 1, full.lastIndexOf('.'));
            String method = full.substring(full.lastIndexOf('.') + 1);
            StringBuilder params = new StringBuilder();
            JsonNode ps = run.get("params");
            if (ps != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    params.append(params.isEmpty() ? "" : ", ").append(e.getKey()).append('=').append(e.getValue().asText());
                }
            }
            Map<String, Score> secondary = new TreeMap<>();
            JsonNode sm = run.get("secondaryMetrics");
            if (sm != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = sm.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    Score aux = score(e.getValue(), Map.of());
                    if ("#".equals(aux.unit())) { // @AuxCounters fields (e.g. heap figures), not profilers' metrics
                        secondary.put(e.getKey(), aux);
                    }
                }
            }
            scores.put(cls + "|" + method + "|" + params, score(run.get("primaryMetric"), secondary));
        }
        List<String> rows = new ArrayList<>();
        Map<String, Score> ours = new LinkedHashMap<>();
        scores.forEach((k, v) -> {
            if (k.split("\\|", -1)[1].startsWith("ours_")) {
                ours.put(k, v);
            }
        });
        for (Map.Entry<String, Score> o : ours.entrySet()) {
            String[] parts = o.getKey().split("\\|", -1);
            String cls = parts[0];
            String suffix = parts[1].substring("ours_".length());
            for (Map.Entry<String, Score> b : scores.entrySet()) {
                String[] bp = b.getKey().split("\\|", -1);
                if (!bp[0].equals(cls) || !bp[2].equals(parts[2]) || bp[1].startsWith("ours_")
                        || !bp[1].endsWith("_" + suffix)) {
                    continue;
                }
                String baseline = bp[1].substring(0, bp[1].length() - suffix.length() - 1);
                Score os = o.getValue();
                Score bs = b.getValue();
                double ratio = os.value() / bs.value();
                double relErr = Math.sqrt(sq(os.error() / os.value()) + sq(bs.error() / bs.value()));
                String ratioErr = Double.isNaN(os.error()) || Double.isNaN(bs.error()) ? "(too few iterations for an error)"
                        : String.format(Locale.ROOT, "± %.2f", ratio * relErr);
                Target target = TARGETS.get(cls);
                boolean judged = target != null && target.baseline().equals(baseline);
                String verdict = !judged ? "—" : verdict(ratio, ratio * relErr, target.max());
                rows.add(String.format(Locale.ROOT, "| %s.%s | %s | %s | %s | %s | **%.2f** %s | %s | %s | %s |",
                        cls, suffix, parts[2].isEmpty() ? "—" : parts[2], fmt(os), baseline, fmt(bs), ratio,
                        ratioErr, judged ? String.format(Locale.ROOT, "≤ %.2f", target.max()) : "(info)", verdict,
                        secondary(os, bs)));
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Generated by `mr-bench/run.sh ").append(args[2]).append("` from JMH results. Machine: ")
                .append(args[3]).append(".\n\n");
        md.append("Ratio = ours / baseline in time per operation (lower is better; 1.00 = no overhead). ");
        md.append("± is the ratio's error from both scores' 99.9% confidence intervals.\n\n");
        md.append("Target and verdict are given against the baseline the issue names; other baselines are for information. ");
        md.append("Extra metrics (e.g. peak heap) are ours vs baseline.\n\n");
        md.append("| benchmark | params | ours | baseline | baseline score | ratio | target | verdict | extra |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        Files.writeString(Path.of(args[1]), md.toString());
        System.out.println(md);
    }

    private static Score score(JsonNode metric, Map<String, Score> secondary) {
        JsonNode e = metric.get("scoreError");
        double err = e != null && e.isNumber() ? e.asDouble() : Double.NaN;
        return new Score(metric.get("score").asDouble(), err, metric.get("scoreUnit").asText(), secondary);
    }

    private static String secondary(Score ours, Score baseline) {
        StringBuilder sb = new StringBuilder();
        ours.secondary().forEach((name, o) -> {
            Score b = baseline.secondary().get(name);
            sb.append(sb.isEmpty() ? "" : "; ").append(name).append(' ')
                    .append(String.format(Locale.ROOT, "%.0f", o.value()))
                    .append(b == null ? "" : String.format(Locale.ROOT, " vs %.0f", b.value()));
        });
        return sb.isEmpty() ? "" : sb.toString();
    }

    private static double sq(double x) {
        return Double.isNaN(x) ? 0 : x * x;
    }

    private static String fmt(Score s) {
        return Double.isNaN(s.error())
                ? String.format(Locale.ROOT, "%.3f %s", s.value(), s.unit())
                : String.format(Locale.ROOT, "%.3f ± %.3f %s", s.value(), s.error(), s.unit());
    }

    /**
     * A target is met only when the whole error bar is under it: a mean under the target with an
     * error bar across it proves nothing (the project's rule), so it reads "not proven".
     */
    static String verdict(double ratio, double error, double max) {
        if (ratio > max) {
            return "**missed**";
        }
        return Double.isNaN(error) || ratio + error > max ? "not proven" : "met";
    }
}
