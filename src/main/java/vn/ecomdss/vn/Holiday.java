package vn.ecomdss.vn;

/** Days that change demand: statutory public holidays and the e-commerce "double day" and Black Friday sales. */
public enum Holiday {
    NEW_YEAR(true),
    TET_EVE(true),
    TET(true),
    HUNG_KINGS(true),
    REUNION_DAY(true),
    LABOUR_DAY(true),
    NATIONAL_DAY(true),
    NATIONAL_DAY_ADJACENT(true),
    DOUBLE_NINE(false),
    DOUBLE_TEN(false),
    SINGLES_DAY(false),
    DOUBLE_TWELVE(false),
    BLACK_FRIDAY(false);

    private final boolean publicHoliday;

    Holiday(boolean publicHoliday) {
        this.publicHoliday = publicHoliday;
    }

    /** True for days off under article 112 of the Labour Code, false for commercial sales events. */
    public boolean publicHoliday() {
        return publicHoliday;
    }
}
