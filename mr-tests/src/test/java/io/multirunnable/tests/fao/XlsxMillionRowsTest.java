package io.multirunnable.tests.fao;

import static org.assertj.core.api.Assertions.assertThat;

import io.multirunnable.fao.Fao;
import io.multirunnable.fao.SavingStrategy;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A million-row xlsx written with a 256 MB heap: runs in the Surefire execution {@code low-heap}
 * ({@code -Xmx256m}, tag {@code low-heap}), and checks that the limit is really in force. Read
 * back with POI's streaming event reader (XSSFReader + StAX), since a DOM reader would need far
 * more memory than the writer.
 */
@Tag("low-heap")
class XlsxMillionRowsTest {
    static final int ROWS = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void millionRowsInTwoHundredFiftySixMegabytes() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("heap limit of this JVM").isLessThanOrEqualTo(256L * 1024 * 1024);
        Path file = dir.resolve("million.xlsx");
        Iterable<List<Object>> rows = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < ROWS;
            }

            @Override
            public List<Object> next() {
                int n = i++;
                return List.of(n, "r" + n);
            }
        };
        try (Fao fao = Fao.of(SavingStrategy.ALL_THREADS_ONE_FILE)) {
            fao.save("xlsx", file, List.of("n", "s"), rows);
        }

        long count = 0;
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            Iterator<InputStream> sheets = reader.getSheetsData();
            try (InputStream sheet = sheets.next()) {
                XMLStreamReader xml = XMLInputFactory.newFactory().createXMLStreamReader(sheet);
                String text = null;
                int col = 0;
                StringBuilder current = new StringBuilder();
                while (xml.hasNext()) {
                    int ev = xml.next();
                    if (ev == XMLStreamConstants.START_ELEMENT) {
                        switch (xml.getLocalName()) {
                            case "row" -> col = 0;
                            case "v", "t" -> current.setLength(0);
                            default -> { }
                        }
                    } else if (ev == XMLStreamConstants.CHARACTERS) {
                        current.append(xml.getText());
                    } else if (ev == XMLStreamConstants.END_ELEMENT) {
                        switch (xml.getLocalName()) {
                            case "v", "t" -> text = current.toString();
                            case "c" -> {
                                long row = count - 1; // data row index (header is count 0)
                                if (count > 0) {
                                    if (col == 0) {
                                        assertThat(Double.parseDouble(text)).isEqualTo(row);
                                    } else {
                                        assertThat(text).isEqualTo("r" + row);
                                    }
                                }
                                col++;
                            }
                            case "row" -> {
                                assertThat(col).isEqualTo(2);
                                count++;
                            }
                            default -> { }
                        }
                    }
                }
            }
            assertThat(sheets.hasNext()).isFalse();
        }
        assertThat(count).isEqualTo(ROWS + 1L); // header + rows
    }
}
