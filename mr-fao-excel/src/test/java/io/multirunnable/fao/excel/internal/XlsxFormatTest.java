package io.multirunnable.fao.excel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multirunnable.fao.Fao;
import io.multirunnable.fao.spi.FormatSettings;
import io.multirunnable.fao.spi.RowWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxFormatTest {

    @Test
    void isInstalledAndDescribesItself() {
        assertThat(Fao.installedFormats()).contains("xlsx", "xlsx-poi");
        assertThat(Fao.format("xlsx").name()).isEqualTo("xlsx-poi"); // the only xlsx writer installed here
        XlsxFormat f = new XlsxFormat();
        assertThat(f.name()).isEqualTo("xlsx-poi");
        assertThat(f.supportsSheets()).isTrue();
        assertThat(f.extension()).isEqualTo("xlsx");
        assertThat(f.supportsAppend()).isTrue();
    }

    @Test
    void writesTypedCellsAndAppendsAfterTheLastRow() throws Exception {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        RowWriter w = new XlsxFormat().open(first, null, new FormatSettings(List.of("a", "b"), false));
        w.write(Arrays.asList(1, "x"));
        w.write(Arrays.asList(2.5, null));
        w.close();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        RowWriter a = new XlsxFormat().open(second, new ByteArrayInputStream(first.toByteArray()),
                new FormatSettings(List.of("a", "b"), false));
        a.write(Arrays.asList(true, "y"));
        a.close();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(second.toByteArray()))) {
            XSSFSheet s = wb.getSheetAt(0);
            assertThat(s.getLastRowNum()).isEqualTo(3); // header once + 3 rows
            assertThat(s.getRow(0).getCell(0).getStringCellValue()).isEqualTo("a");
            assertThat(s.getRow(1).getCell(0).getNumericCellValue()).isEqualTo(1.0);
            assertThat(s.getRow(2).getCell(0).getNumericCellValue()).isEqualTo(2.5);
            assertThat(s.getRow(2).getCell(1)).isNull();
            assertThat(s.getRow(3).getCell(0).getCellType()).isEqualTo(CellType.BOOLEAN);
            assertThat(s.getRow(3).getCell(1).getStringCellValue()).isEqualTo("y");
        }
    }

    @Test
    void refusesTextLongerThanACellHolds() throws Exception {
        RowWriter w = new XlsxFormat().open(new ByteArrayOutputStream(), null, new FormatSettings(List.of(), false));
        assertThatThrownBy(() -> w.write(List.of("x".repeat(32_768)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an xlsx cell holds at most 32767 characters but the text at row 1, column A has 32768");
        w.abort();
    }
}
