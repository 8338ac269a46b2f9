package vn.ecomdss.pipeline;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * The job parameters every pipeline understands. {@code run_id} identifies a run (a restart keeps it);
 * {@code logical_date} is the date stamped on records that carry none; {@code sources} limits a run to some
 * sources (empty means all); {@code full_refresh} asks for a rebuild instead of an incremental load.
 */
public record RunParameters(String runId, LocalDate logicalDate, Set<String> sources, boolean fullRefresh) {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    public static final String RUN_ID = "run_id";
    public static final String LOGICAL_DATE = "logical_date";
    public static final String SOURCES = "sources";
    public static final String FULL_REFRESH = "full_refresh";

    public static RunParameters of(JobParameters parameters) {
        String runId = parameters.getString(RUN_ID);
        String date = parameters.getString(LOGICAL_DATE);
        String sources = parameters.getString(SOURCES);
        String fullRefresh = parameters.getString(FULL_REFRESH);
        return new RunParameters(runId,
                date == null || date.isBlank() ? LocalDate.now(ZONE) : parseDate(date),
                parseSources(sources),
                Boolean.parseBoolean(fullRefresh));
    }

    public boolean includes(String source) {
        return sources.isEmpty() || sources.contains(source);
    }

    /** Midnight of the logical date in Vietnam: when a change without its own timestamp takes effect. */
    public java.time.OffsetDateTime logicalStart() {
        return logicalDate.atStartOfDay(ZONE).toOffsetDateTime();
    }

    /** The logical date, or an error naming it: a day that is not in the calendar (2026-02-30) is refused too. */
    public static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("logical_date must be a calendar date as YYYY-MM-DD, got '" + text
                    + "'", e);
        }
    }

    static Set<String> parseSources(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        Set<String> sources = new LinkedHashSet<>();
        Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(sources::add);
        return Set.copyOf(sources);
    }
}
