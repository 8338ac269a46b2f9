package vn.ecomdss.vn;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VietnameseNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "nguyễn văn an            | Nguyễn Văn An",
            "\"  TRẦN   thị   BÍCH \" | Trần Thị Bích",
            "đỗ                       | Đỗ",
            "ĐẶNG THỊ ÁNH TUYẾT       | Đặng Thị Ánh Tuyết",
            "lê   ỨNG  ĐỨC            | Lê Ứng Đức",
            "phạm\tthị\u00a0ngọc         | Phạm Thị Ngọc",
            "h'hen niê                | H'Hen Niê",
            "y-moan                   | Y-Moan",
            "Nguyễn Văn An            | Nguyễn Văn An"})
    void titleCasesKeepingDiacritics(String raw, String expected) {
        assertThat(VietnameseName.normalize(raw)).isEqualTo(expected);
    }

    @Test
    void decomposedInputGivesTheComposedResult() {
        String decomposed = Normalizer.normalize("  TRẦN   thị   BÍCH ", Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(Normalizer.normalize(decomposed, Normalizer.Form.NFC));

        String normalized = VietnameseName.normalize(decomposed);

        assertThat(normalized).isEqualTo("Trần Thị Bích");
        assertThat(normalized).isEqualTo(VietnameseName.normalize("trần thị bích"));
        assertThat(normalized).hasSize(13);
    }

    @Test
    void decomposedCapitalDStrokeAndStackedMarks() {
        String decomposed = Normalizer.normalize("ĐỖ THỊ HUYỀN", Normalizer.Form.NFD);

        assertThat(VietnameseName.normalize(decomposed)).isEqualTo("Đỗ Thị Huyền");
    }

    @Test
    void blankBecomesEmptyAndNullStaysNull() {
        assertThat(VietnameseName.normalize("   ")).isEmpty();
        assertThat(VietnameseName.normalize(null)).isNull();
    }
}
