package vn.ecomdss.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import vn.ecomdss.testsupport.PlatformTestSupport;

class CalendarAndMoneyReferenceTest extends PlatformTestSupport {

    @Autowired
    ExchangeRateLoader exchangeRates;

    @TempDir
    Path dir;

    @Test
    void dimDateCarriesTheVietnameseLunarDateAndTet() {
        assertThat(day("2023-01-22")).containsEntry("lunar_day", 1).containsEntry("lunar_month", 1)
                .containsEntry("lunar_year", 2023).containsEntry("is_tet", true).containsEntry("days_from_tet", 0);
        assertThat(day("2023-01-21")).containsEntry("is_tet_eve", true).containsEntry("is_public_holiday", true);
        assertThat(day("2007-02-17")).as("Vietnam's Tết, a day before China's").containsEntry("is_tet", true);
        assertThat(day("2007-02-18")).containsEntry("lunar_day", 2);
        assertThat(day("2023-03-22")).as("first day of the leap second month of 2023")
                .containsEntry("lunar_day", 1).containsEntry("lunar_month", 2)
                .containsEntry("lunar_leap_month", true);
        assertThat(day("2024-12-25")).containsEntry("days_from_tet", -35).containsEntry("is_tet_season", false);
        assertThat(day("2025-01-08")).containsEntry("days_from_tet", -21).containsEntry("is_tet_season", true);
        assertThat(day("2025-01-07")).containsEntry("is_tet_season", false);
        assertThat(count("select count(*) from dw.dim_date where is_tet")).as("three days of Tết in each of 41 years")
                .isEqualTo(3 * 41);
    }

    @Test
    void dimDateCarriesHolidaysAndShoppingFestivals() {
        assertThat(day("2024-04-18")).as("Hùng Kings, lunar 10/3").containsEntry("is_public_holiday", true);
        assertThat(jdbc.queryForObject("select array_to_string(holidays, ',') from dw.dim_date where full_date = '2024-04-18'",
                String.class)).isEqualTo("HUNG_KINGS");
        assertThat(day("2024-11-29")).containsEntry("is_black_friday", true).containsEntry("is_shopping_festival", true);
        assertThat(day("2024-11-11")).containsEntry("is_shopping_festival", true).containsEntry("is_public_holiday", false);
        assertThat(day("2025-09-02")).containsEntry("is_public_holiday", true);
        assertThat(count("select count(*) from dw.dim_date where year = 2025 and is_shopping_festival")).isEqualTo(5);
    }

    @Test
    void vatFollowsTheReducedPeriodsAndTheGoodsClass() {
        assertThat(vat("STANDARD", "2022-01-31")).isEqualByComparingTo("0.10");
        assertThat(vat("STANDARD", "2022-02-01")).isEqualByComparingTo("0.08");
        assertThat(vat("STANDARD", "2023-03-01")).as("no reduction in the first half of 2023").isEqualByComparingTo("0.10");
        assertThat(vat("STANDARD", "2023-07-01")).isEqualByComparingTo("0.08");
        assertThat(vat("STANDARD", "2026-12-31")).isEqualByComparingTo("0.08");
        assertThat(vat("STANDARD", "2027-01-01")).isEqualByComparingTo("0.10");
        assertThat(vat("EXCLUDED_FROM_REDUCTION", "2024-05-01")).isEqualByComparingTo("0.10");
        assertThat(count("""
                select count(*) from ops.vat_rate a join ops.vat_rate b on a.goods_class = b.goods_class
                    and a.valid_from < b.valid_from and a.valid_to >= b.valid_from
                """)).as("no overlapping periods").isZero();
    }

    @Test
    void platformCommissionIsVersionedByDate() {
        assertThat(jdbc.queryForObject("""
                select commission_rate from dw.dim_platform where platform_code = 'shopee'
                  and timestamptz '2024-06-01 12:00+07' >= valid_from and timestamptz '2024-06-01 12:00+07' < valid_to
                """, BigDecimal.class)).isEqualByComparingTo("0.08");
        assertThat(jdbc.queryForObject("select commission_rate from dw.dim_platform where platform_code = 'shopee' and is_current",
                BigDecimal.class)).isEqualByComparingTo("0.09");
        assertThat(count("select count(*) from dw.dim_platform where platform_code = 'shopee'")).isEqualTo(4);
        assertThat(count("""
                select count(*) from dw.dim_platform a join dw.dim_platform b on a.platform_code = b.platform_code
                    and a.platform_key <> b.platform_key and a.valid_from < b.valid_to and b.valid_from < a.valid_to
                """)).isZero();
    }

    @Test
    void newExchangeRatesAreLoadedFromCsvAndBadLinesAreNamed() throws IOException {
        Path csv = Files.writeString(dir.resolve("rates.csv"), """
                currency,valid_from,rate_to_vnd,note
                EUR,2025-01-01,26500,ECB reference converted
                EUR,2026-01-01,30100
                """);
        assertThat(exchangeRates.load(csv)).isEqualTo(2);
        assertThat(jdbc.queryForObject("""
                select rate_to_vnd from ops.exchange_rate where currency = 'EUR' and valid_from <= date '2026-03-01'
                order by valid_from desc limit 1
                """, BigDecimal.class)).isEqualByComparingTo("30100");

        Path bad = Files.writeString(dir.resolve("bad.csv"), """
                currency,valid_from,rate_to_vnd
                JPY,2026-01-01,172
                usd,2026-01-01,26000
                GBP,2026-13-01,34000
                CNY,2026-01-01,-3
                """);
        assertThatThrownBy(() -> exchangeRates.load(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.csv: line 3: currency 'usd'")
                .hasMessageContaining("bad.csv: line 4: valid_from '2026-13-01'")
                .hasMessageContaining("bad.csv: line 5: rate_to_vnd must be positive");
        assertThat(count("select count(*) from ops.exchange_rate where currency = 'JPY'")).as("all or nothing").isZero();
    }

    private Map<String, Object> day(String date) {
        return jdbc.queryForMap("select * from dw.dim_date where full_date = ?::date", date);
    }

    private BigDecimal vat(String goodsClass, String date) {
        return jdbc.queryForObject("select rate from ops.vat_rate where goods_class = ? and ?::date between valid_from and valid_to",
                BigDecimal.class, goodsClass, date);
    }
}
