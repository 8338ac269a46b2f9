package vn.ecomdss.quality;

import java.util.List;

/**
 * The outcome of one quality rule on one target in one run.
 *
 * @param observed the figure a single-figure rule measured (a row count, an age in seconds), else null
 */
public record CheckResult(String stage, String rule, String ruleType, String target, String severity, long checked,
                          long failed, double threshold, List<String> sampleKeys, Double observed) {

    public double ratio() {
        return checked == 0 ? 0.0 : (double) failed / checked;
    }

    /** A rule passes when its failing ratio does not exceed its threshold. */
    public boolean passed() {
        return ratio() <= threshold;
    }

    public boolean blocking() {
        return !passed() && severity.equals(Severity.ERROR.key());
    }
}
