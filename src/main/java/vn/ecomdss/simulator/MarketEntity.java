package vn.ecomdss.simulator;

import java.util.Locale;
import java.util.Optional;

public enum MarketEntity {
    PRODUCTS, CUSTOMERS, ORDERS;

    public String pathName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MarketEntity> fromPathName(String name) {
        for (MarketEntity entity : values()) {
            if (entity.pathName().equals(name)) {
                return Optional.of(entity);
            }
        }
        return Optional.empty();
    }
}
