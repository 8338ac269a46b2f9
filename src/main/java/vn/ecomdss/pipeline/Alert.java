package vn.ecomdss.pipeline;

import java.util.Map;

/**
 * Something an operator must be told: a job that failed, data quality under the job's minimum, and (as they come)
 * lateness, health and business thresholds. Alerts with the same {@code key} are one condition: a repeat within the
 * job's quiet period is not sent again, so a flapping check does not page every minute.
 *
 * @param key    what makes two alerts the same condition, e.g. {@code job_failure:dss_etl}
 * @param fields the figures behind the alert (run id, step, score, ...), sent with it
 */
public record Alert(String key, Kind kind, Severity severity, String job, String runId, String title,
                    String detail, Map<String, Object> fields) {

    public enum Kind { JOB_FAILURE, DATA_QUALITY, LATENESS, HEALTH, BUSINESS }

    public enum Severity { WARNING, CRITICAL }

    public Alert {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
