package vn.ecomdss.quality;

import java.util.List;

/** The outcome of one quality rule on one target in one run. */
public record CheckResult(String stage, String rule, String target, String severity, long checked, long failed,
                          double threshold, List<String> sampleKeys) {

    public double ratio() {
        return checked == 0 ? 0.0 : (double) failed / checked;
    }

    /** A rule passes when its failing ratio does not exceed its threshold. */
    public boolean passed() {
        return ratio() <= threshold;
    }
}
