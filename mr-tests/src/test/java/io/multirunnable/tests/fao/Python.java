package io.multirunnable.tests.fao;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code python3 -c script args...} as an independent reader of what the FAO wrote and
 * parses what it prints (JSON) with Jackson. Fails with python's stderr if it exits non-zero.
 */
final class Python {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a CSV file with Python's csv module; args: path, encoding, gzip(0/1), delimiter, quotechar, quoting, escapechar. */
    static final String CSV_READER = String.join("\n",
            "import csv, gzip, json, sys",
            "path, enc, gz, delim, quote, quoting, esc = sys.argv[1:8]",
            "opener = gzip.open if gz == '1' else open",
            "with opener(path, 'rt', encoding=enc, newline='') as f:",
            "    rows = list(csv.reader(f, delimiter=delim, quotechar=quote or None, quoting=int(quoting),",
            "                           escapechar=esc or None, strict=True))",
            "print(json.dumps(rows))");

    /** Reads a whole JSON file (json.load), or each line of a JSON Lines file; args: path, lines(0/1), gzip(0/1). */
    static final String JSON_READER = String.join("\n",
            "import gzip, json, sys",
            "path, lines, gz = sys.argv[1:4]",
            "opener = gzip.open if gz == '1' else open",
            "with opener(path, 'rt', encoding='utf-8', newline='') as f:",
            "    if lines == '1':",
            "        text = f.read()",
            "        assert text.endswith('\\n'), 'no final line break'",
            "        out = [json.loads(l) for l in text.split('\\n')[:-1]]",
            "    else:",
            "        out = json.load(f)",
            "print(json.dumps(out))");

    private Python() {
    }

    static JsonNode run(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("python3 did not finish: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new IOException("python3 failed (" + p.exitValue() + ") for " + cmd.subList(3, cmd.size()) + ":\n"
                    + new String(err.join(), StandardCharsets.UTF_8));
        }
        return JSON.readTree(out);
    }

    /** A JSON array of arrays of strings (what the CSV reader prints) as lists. */
    static List<List<String>> table(JsonNode rows) {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode r : rows) {
            List<String> row = new ArrayList<>();
            r.forEach(v -> row.add(v.asText()));
            out.add(row);
        }
        return out;
    }
}
