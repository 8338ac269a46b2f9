package vn.ecomdss.vn;

/** Network operator a Vietnamese number was issued by, derived from its prefix (number portability can make it stale). */
public enum Carrier {
    VIETTEL,
    MOBIFONE,
    VINAPHONE,
    VIETNAMOBILE,
    GMOBILE,
    REDDI,
    FIXED_LINE,
    UNKNOWN
}
