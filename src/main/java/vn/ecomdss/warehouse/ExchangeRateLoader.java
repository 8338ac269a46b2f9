package vn.ecomdss.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adds reference rates to {@code ops.exchange_rate} from a CSV file with the header
 * {@code currency,valid_from,rate_to_vnd,note} (note optional). A rate applies from its date until the currency's
 * next one; the fact loader converts each order line at the rate in force on its order date. The whole file is
 * checked first and loaded in one transaction; a rate already recorded for the same currency and date is replaced.
 */
@Component
public class ExchangeRateLoader {

    /** One rate to record. */
    public record Rate(String currency, LocalDate validFrom, BigDecimal rateToVnd, String note) {
    }

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public ExchangeRateLoader(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    public int load(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read exchange rates from " + csv, e);
        }
        List<Rate> rates = parse(csv.toString(), lines);
        transaction.executeWithoutResult(status -> jdbc.batchUpdate("""
                insert into ops.exchange_rate (currency, valid_from, rate_to_vnd, note) values (?, ?, ?, ?)
                on conflict (currency, valid_from) do update set rate_to_vnd = excluded.rate_to_vnd, note = excluded.note
                """, rates, rates.size(), (ps, r) -> {
            ps.setString(1, r.currency());
            ps.setDate(2, Date.valueOf(r.validFrom()));
            ps.setBigDecimal(3, r.rateToVnd());
            ps.setString(4, r.note());
        }));
        return rates.size();
    }

    /** Every line checked; all problems reported together, each with the file and line number. */
    static List<Rate> parse(String file, List<String> lines) {
        List<String> problems = new ArrayList<>();
        List<Rate> rates = new ArrayList<>();
        if (lines.isEmpty() || !lines.get(0).replace(" ", "").toLowerCase(java.util.Locale.ROOT)
                .startsWith("currency,valid_from,rate_to_vnd")) {
            throw new IllegalArgumentException(file + ": line 1: expected the header currency,valid_from,rate_to_vnd,note");
        }
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + ": line " + (i + 1) + ": ";
            String[] cells = line.split(",", 4);
            if (cells.length < 3) {
                problems.add(where + "expected currency,valid_from,rate_to_vnd[,note], got '" + line + "'");
                continue;
            }
            String currency = cells[0].strip();
            if (!CURRENCY.matcher(currency).matches()) {
                problems.add(where + "currency '" + currency + "' is not an ISO 4217 code such as USD");
                continue;
            }
            LocalDate from;
            BigDecimal rate;
            try {
                from = LocalDate.parse(cells[1].strip());
            } catch (DateTimeParseException e) {
                problems.add(where + "valid_from '" + cells[1].strip() + "' is not a date YYYY-MM-DD");
                continue;
            }
            try {
                rate = new BigDecimal(cells[2].strip());
            } catch (NumberFormatException e) {
                problems.add(where + "rate_to_vnd '" + cells[2].strip() + "' is not a number");
                continue;
            }
            if (rate.signum() <= 0) {
                problems.add(where + "rate_to_vnd must be positive, got " + rate);
                continue;
            }
            if (currency.equals("VND") && rate.compareTo(BigDecimal.ONE) != 0) {
                problems.add(where + "VND converts to VND at 1, got " + rate);
                continue;
            }
            rates.add(new Rate(currency, from, rate, cells.length > 3 && !cells[3].isBlank() ? cells[3].strip() : null));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("No rate loaded; fix these lines:\n  " + String.join("\n  ", problems));
        }
        return rates;
    }
}
