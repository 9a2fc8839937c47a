package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.multirunnable.fao.CsvOptions;
import io.multirunnable.fao.Fao;
import io.multirunnable.fao.JsonOptions;
import io.multirunnable.fao.SavingStrategy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's "FAO: CSV dialect, JSON layout, gzip" example, run as written (paths under a temporary directory). */
class FaoOptionsReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void theExample() throws Exception {
        List<String> header = List.of("id", "name", "day");
        List<List<Object>> rows = List.of(List.of(1, "Zoë; \"x\"", LocalDate.of(2024, 1, 2)), List.of(2, "tab\there", LocalDate.of(2024, 1, 3)));

        CsvOptions excel = CsvOptions.builder().withDelimiter(";").withByteOrderMark(true).build();
        CsvOptions tsv = CsvOptions.builder().withDelimiter("\t").withQuotePolicy(CsvOptions.QuotePolicy.NONE)
                .withLineSeparator("\n").build();

        try (Fao fao = Fao.builder().withStrategy(SavingStrategy.ALL_THREADS_ONE_FILE)
                .withCsvOptions(excel)
                .withJsonOptions(JsonOptions.pretty())
                .build()) {
            fao.save("csv", dir.resolve("excel.csv"), header, rows);
            fao.save("csv", dir.resolve("big.csv.gz"), header, rows);
            fao.save("jsonl", dir.resolve("events.jsonl.gz"), header, rows);
            fao.save("json", dir.resolve("report.json"), header, rows);
        }
        try (Fao unix = Fao.builder().withCsvOptions(tsv).build()) {
            unix.save("csv", dir.resolve("data.tsv"), header, rows);
        }

        String excelCsv = "\uFEFFid;name;day\r\n1;\"Zoë; \"\"x\"\"\";2024-01-02\r\n2;tab\there;2024-01-03\r\n";
        assertThat(Files.readString(dir.resolve("excel.csv"))).isEqualTo(excelCsv);
        assertThat(new String(FaoGzipTest.gunzip(Files.readAllBytes(dir.resolve("big.csv.gz"))), StandardCharsets.UTF_8))
                .isEqualTo(excelCsv);
        assertThat(new String(FaoGzipTest.gunzip(Files.readAllBytes(dir.resolve("events.jsonl.gz"))), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":1,\"name\":\"Zoë; \\\"x\\\"\",\"day\":\"2024-01-02\"}\n"
                        + "{\"id\":2,\"name\":\"tab\\there\",\"day\":\"2024-01-03\"}\n");
        String json = Files.readString(dir.resolve("report.json"));
        assertThat(json).startsWith("[\n  {\n    \"id\" : 1,\n");
        assertThat(new ObjectMapper().readTree(json).get(1).get("name").asText()).isEqualTo("tab\there");
        String worker = Thread.currentThread().getName().replaceAll("[^A-Za-z0-9._-]", "_");
        assertThat(Files.readString(dir.resolve("data-" + worker + ".tsv")))
                .isEqualTo("id\tname\tday\n1\tZoë; \"x\"\t2024-01-02\n2\ttab\\\there\t2024-01-03\n");
    }
}
