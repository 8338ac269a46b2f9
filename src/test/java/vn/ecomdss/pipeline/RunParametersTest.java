package vn.ecomdss.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameters;

class RunParametersTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 2, 7, 5, 9, 123_000_000);

    @Test
    void aRequestWithoutRunIdOrDateGetsTheJobsTimestampedRunIdAndTodayInVietnam() {
        JobParameters parameters = RunParameters.jobParameters("dss_etl", Map.of(), NOW);

        assertThat(parameters.getString(RunParameters.RUN_ID)).isEqualTo("dss_etl-20261202-070509-123");
        assertThat(parameters.getString(RunParameters.LOGICAL_DATE))
                .isEqualTo(LocalDate.now(RunParameters.ZONE).toString());
        assertThat(parameters.getString(RunParameters.SOURCES)).isNull();
        assertThat(parameters.getString(RunParameters.FULL_REFRESH)).isNull();
    }

    @Test
    void theRequestedValuesReachTheRunAsGiven() {
        JobParameters parameters = RunParameters.jobParameters("dss_etl", Map.of("run_id", "nightly-1",
                "logical_date", "2026-02-16", "sources", "vnmarket, dummyjson", "full_refresh", "true"), NOW);

        RunParameters run = RunParameters.of(parameters);
        assertThat(run.runId()).isEqualTo("nightly-1");
        assertThat(run.logicalDate()).isEqualTo(LocalDate.of(2026, 2, 16));
        assertThat(run.sources()).isEqualTo(Set.of("vnmarket", "dummyjson"));
        assertThat(run.fullRefresh()).isTrue();
        assertThat(run.includes("dummyjson")).isTrue();
        assertThat(run.includes("platzi")).isFalse();
        assertThat(parameters.getParameter(RunParameters.FULL_REFRESH).identifying())
                .as("full_refresh does not make a new job instance").isFalse();
    }

    @Test
    void anUnknownKeyIsRefusedNamingItAndTheKnownOnes() {
        assertThatThrownBy(() -> RunParameters.jobParameters("dss_etl", Map.of("run-id", "x"), NOW))
                .isInstanceOfSatisfying(RunParameters.InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("run-id"))
                .hasMessage("unknown parameter 'run-id' (known: [as_of, clv_horizon_days, follow, full_refresh, horizon_days, logical_date, run_id, seed, sources, training_cutoff])");
    }

    @Test
    void aRunIdOutsideTheAllowedCharactersIsRefused() {
        assertThatThrownBy(() -> RunParameters.jobParameters("dss_etl", Map.of("run_id", "a b"), NOW))
                .isInstanceOfSatisfying(RunParameters.InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("run_id"))
                .hasMessage("run_id must be 1 to 100 letters, digits or . _ : -, got 'a b'");
        assertThat(RunParameters.jobParameters("dss_etl", Map.of("run_id", "x".repeat(100)), NOW)
                .getString(RunParameters.RUN_ID)).hasSize(100);
        assertThatThrownBy(() -> RunParameters.jobParameters("dss_etl", Map.of("run_id", "x".repeat(101)), NOW))
                .isInstanceOf(RunParameters.InvalidParameterException.class);
    }

    @Test
    void aDayOutsideTheCalendarAndANonBooleanFullRefreshAreRefused() {
        assertThatThrownBy(() -> RunParameters.jobParameters("dss_etl", Map.of("logical_date", "2026-02-30"), NOW))
                .isInstanceOfSatisfying(RunParameters.InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("logical_date"))
                .hasMessage("logical_date must be a calendar date as YYYY-MM-DD, got '2026-02-30'");
        assertThatThrownBy(() -> RunParameters.jobParameters("dss_etl", Map.of("full_refresh", "yes"), NOW))
                .isInstanceOfSatisfying(RunParameters.InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("full_refresh"))
                .hasMessage("full_refresh must be true or false, got 'yes'");
    }

    @Test
    void theMonitoringsAsOfIsADateTimeWithItsOffsetAndDoesNotMakeANewInstance() {
        JobParameters parameters = RunParameters.jobParameters("realtime_monitoring",
                Map.of("as_of", "2026-12-02T14:05:00+07:00"), NOW);
        assertThat(parameters.getString(RunParameters.AS_OF)).isEqualTo("2026-12-02T14:05:00+07:00");
        assertThat(parameters.getParameter(RunParameters.AS_OF).identifying()).isFalse();
        assertThatThrownBy(() -> RunParameters.jobParameters("realtime_monitoring", Map.of("as_of", "14:05"), NOW))
                .isInstanceOfSatisfying(RunParameters.InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("as_of"))
                .hasMessage("as_of must be a date-time with its offset such as 2026-12-02T14:05:00+07:00, got '14:05'");
    }
}
