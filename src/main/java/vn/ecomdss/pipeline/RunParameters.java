package vn.ecomdss.pipeline;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The job parameters every pipeline understands. {@code run_id} identifies a run (a restart keeps it);
 * {@code logical_date} is the date stamped on records that carry none; {@code sources} limits a run to some
 * sources (empty means all); {@code full_refresh} asks for a rebuild instead of an incremental load. Every
 * launch, from the admin API, the scheduler or the command line, turns its {@code key=value} request into job
 * parameters here, so they are all checked alike.
 */
public record RunParameters(String runId, LocalDate logicalDate, Set<String> sources, boolean fullRefresh) {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    public static final String RUN_ID = "run_id";
    public static final String LOGICAL_DATE = "logical_date";
    public static final String SOURCES = "sources";
    public static final String FULL_REFRESH = "full_refresh";
    /** The models' parameters ({@code ml_retrain}): read by the ml steps, refused by nothing else. */
    public static final String TRAINING_CUTOFF = "training_cutoff";
    public static final String HORIZON_DAYS = "horizon_days";
    public static final String CLV_HORIZON_DAYS = "clv_horizon_days";
    public static final String SEED = "seed";
    /** A streaming step's choice to keep consuming until stopped (true) or to end at the offsets it found (false). */
    public static final String FOLLOW = "follow";
    /**
     * The monitoring's parameter ({@code realtime_monitoring}): the moment its checks measure ages, lateness and the
     * last hour's volume at, as an ISO date-time with offset; now when absent.
     */
    public static final String AS_OF = "as_of";
    public static final List<String> NAMES = List.of(RUN_ID, LOGICAL_DATE, SOURCES, FULL_REFRESH, TRAINING_CUTOFF,
            HORIZON_DAYS, CLV_HORIZON_DAYS, SEED, FOLLOW, AS_OF);

    private static final Pattern RUN_ID_FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final DateTimeFormatter DEFAULT_RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    /** A requested parameter a pipeline cannot honour; the message names it and what was given. */
    public static final class InvalidParameterException extends IllegalArgumentException {
        private final String parameter;

        InvalidParameterException(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /**
     * The job parameters of a requested run: unknown keys are refused; a missing run_id becomes
     * {@code <job>-<yyyyMMdd-HHmmss-SSS>} of {@code now}, a missing logical_date today in Vietnam. Whether the
     * sources exist is the job's validator's to say, since only the definitions know them.
     */
    public static JobParameters jobParameters(String jobName, Map<String, String> requested, LocalDateTime now) {
        Set<String> unknown = new TreeSet<>(requested.keySet());
        NAMES.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            String field = unknown.iterator().next();
            throw new InvalidParameterException(field, "unknown parameter '" + field + "' (known: "
                    + new TreeSet<>(NAMES) + ")");
        }
        JobParametersBuilder parameters = new JobParametersBuilder();
        String runId = requested.get(RUN_ID);
        if (runId == null || runId.isBlank()) {
            runId = jobName + "-" + now.format(DEFAULT_RUN_ID_TIME);
        } else if (!RUN_ID_FORMAT.matcher(runId).matches()) {
            throw new InvalidParameterException(RUN_ID, "run_id must be 1 to 100 letters, digits or . _ : -, got '"
                    + runId + "'");
        }
        parameters.addString(RUN_ID, runId);
        String date = requested.get(LOGICAL_DATE);
        if (date == null || date.isBlank()) {
            date = LocalDate.now(ZONE).toString();
        } else {
            try {
                parseDate(date);
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException(LOGICAL_DATE, e.getMessage());
            }
        }
        parameters.addString(LOGICAL_DATE, date);
        String sources = requested.get(SOURCES);
        if (sources != null && !sources.isBlank()) {
            parameters.addString(SOURCES, sources);
        }
        addTrueOrFalse(parameters, requested, FULL_REFRESH);
        addTrueOrFalse(parameters, requested, FOLLOW);
        String cutoff = requested.get(TRAINING_CUTOFF);
        if (cutoff != null && !cutoff.isBlank()) {
            try {
                LocalDate.parse(cutoff);
            } catch (DateTimeParseException e) {
                throw new InvalidParameterException(TRAINING_CUTOFF, "training_cutoff must be a calendar date as "
                        + "YYYY-MM-DD, got '" + cutoff + "'");
            }
            parameters.addString(TRAINING_CUTOFF, cutoff);
        }
        String asOf = requested.get(AS_OF);
        if (asOf != null && !asOf.isBlank()) {
            try {
                java.time.OffsetDateTime.parse(asOf.trim());
            } catch (DateTimeParseException e) {
                throw new InvalidParameterException(AS_OF, "as_of must be a date-time with its offset such as "
                        + "2026-12-02T14:05:00+07:00, got '" + asOf + "'");
            }
            parameters.addString(AS_OF, asOf.trim(), false);
        }
        addWholeNumber(parameters, requested, HORIZON_DAYS, 1, 90);
        addWholeNumber(parameters, requested, CLV_HORIZON_DAYS, 1, 3650);
        addWholeNumber(parameters, requested, SEED, 0, Long.MAX_VALUE);
        return parameters.toJobParameters();
    }

    /** A true/false parameter, not identifying: the same run with another value is the same run. */
    private static void addTrueOrFalse(JobParametersBuilder parameters, Map<String, String> requested, String name) {
        String text = requested.get(name);
        if (text == null || text.isBlank()) {
            return;
        }
        if (!text.equals("true") && !text.equals("false")) {
            throw new InvalidParameterException(name, name + " must be true or false, got '" + text + "'");
        }
        parameters.addString(name, text, false);
    }

    private static void addWholeNumber(JobParametersBuilder parameters, Map<String, String> requested, String name,
                                       long min, long max) {
        String text = requested.get(name);
        if (text == null || text.isBlank()) {
            return;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name, name + " must be a whole number, got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new InvalidParameterException(name, name + " must be from " + min + " to " + max + ", got " + value);
        }
        parameters.addString(name, Long.toString(value));
    }

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
