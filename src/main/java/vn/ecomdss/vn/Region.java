package vn.ecomdss.vn;

/** The three traditional regions; the Central Highlands (Tây Nguyên) are counted as CENTRAL. */
public enum Region {
    NORTH,
    CENTRAL,
    SOUTH
}
