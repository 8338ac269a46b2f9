package vn.ecomdss.notify;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.ecomdss.pipeline.Alert;

/**
 * A business threshold from {@code job-definitions/alerts/<rule>.yml}: a read-only query over the warehouse whose
 * every row is a breach on the run's {@code :logical_date}, and the message an operator reads, with the row's columns
 * in braces ({@code {revenue_vnd}}).
 *
 * @param keyColumn the column that tells one breach from another in the alert key (a product), or null for one
 *                  breach per rule
 */
record ThresholdRule(String file, String name, String description, Alert.Severity severity, String keyColumn,
                     String query, String message) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_][a-z0-9_]*)}");

    String alertKey(Map<String, Object> row) {
        return "business:" + name + (keyColumn == null ? "" : ":" + row.get(keyColumn));
    }

    /** The message with each {@code {column}} replaced by the row's value. */
    String message(Map<String, Object> row) {
        Matcher placeholder = PLACEHOLDER.matcher(message);
        StringBuilder text = new StringBuilder();
        while (placeholder.find()) {
            Object value = row.get(placeholder.group(1));
            placeholder.appendReplacement(text, Matcher.quoteReplacement(String.valueOf(value)));
        }
        placeholder.appendTail(text);
        return text.toString();
    }

    /** The placeholders of the message, which the query's columns must provide. */
    java.util.List<String> placeholders() {
        return PLACEHOLDER.matcher(message).results().map(m -> m.group(1)).toList();
    }
}
