package vn.ecomdss.monitor;

/**
 * One figure of a monitoring run, a row of {@code ops.monitoring_result}: what was measured ({@code check}) of
 * which subject, its value (null when there is nothing to measure yet, e.g. a topic without a message) against
 * its threshold, and whether it crossed it. {@code detail} says it in words, naming the subject, value and
 * threshold; it is the alert's title when {@code alert}.
 *
 * @param subjectKind {@code source} (subject {@code source/entity}), {@code topic}, {@code consumer} (with topic
 *                    and partition) or {@code job}
 */
public record Measurement(String check, String subjectKind, String subject, String topic, Integer partition,
                          Double value, double threshold, boolean alert, String detail) {

    public static final String FRESHNESS = "freshness";
    public static final String CONSUMER_LAG = "consumer_lag";
    public static final String VOLUME = "volume";
    public static final String JOB_LATENESS = "job_lateness";

    /** What makes two alerts of this figure the same condition, for the quiet period. */
    public String alertKey() {
        return "monitoring:" + check + ":" + subjectKind + ":" + subject
                + (topic == null ? "" : ":" + topic) + (partition == null ? "" : ":" + partition);
    }

    /** How an operator names the subject: {@code source dummyjson/products}, {@code consumer source:events on user_events[0]}. */
    public String subjectLabel() {
        return subjectKind + " " + subject + (topic == null ? "" : " on " + topic)
                + (partition == null ? "" : "[" + partition + "]");
    }
}
