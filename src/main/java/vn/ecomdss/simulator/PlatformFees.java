package vn.ecomdss.simulator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The marketplaces the simulator sells on and the commission each charges sellers, which changes over time (the
 * real platforms revise their fixed fees every year or so). The rates are the simulator's, in the range the
 * platforms publish, not a record of any platform's actual schedule.
 */
final class PlatformFees {

    private record Rate(LocalDate from, BigDecimal rate) {
    }

    private record Platform(String code, String name, List<Rate> rates) {
    }

    private static final List<Platform> PLATFORMS = List.of(
            new Platform("shopee", "Shopee", rates("2023-01-01", "0.0800", "2024-04-01", "0.0900", "2025-07-01", "0.1000")),
            new Platform("lazada", "Lazada", rates("2023-01-01", "0.0700", "2024-06-01", "0.0800")),
            new Platform("tiki", "Tiki", rates("2023-01-01", "0.0700", "2025-01-01", "0.0750")),
            new Platform("sendo", "Sendo", rates("2023-01-01", "0.0600")),
            new Platform("tiktokshop", "TikTok Shop", rates("2023-01-01", "0.0500", "2024-07-01", "0.0600",
                    "2025-04-01", "0.0700")));

    private PlatformFees() {
    }

    /** Every platform with the rate in force at the end of {@code asOf} and the day that rate took effect. */
    static ObjectNode json(JsonMapper json, LocalDate asOf, int skip, int limit) {
        ObjectNode body = json.createObjectNode();
        ArrayNode items = body.putArray("items");
        List<Platform> page = PLATFORMS.subList(Math.min(skip, PLATFORMS.size()), Math.min(skip + limit, PLATFORMS.size()));
        for (Platform platform : page) {
            Rate current = platform.rates().get(0);
            for (Rate rate : platform.rates()) {
                if (!rate.from().isAfter(asOf)) {
                    current = rate;
                }
            }
            ObjectNode item = items.addObject();
            item.put("code", platform.code());
            item.put("name", platform.name());
            item.put("type", "marketplace");
            item.put("commission_rate", current.rate());
            item.put("rate_effective_from", current.from().toString());
        }
        body.put("total", PLATFORMS.size());
        body.put("skip", skip);
        body.put("limit", limit);
        return body;
    }

    private static List<Rate> rates(String... pairs) {
        return java.util.stream.IntStream.range(0, pairs.length / 2)
                .mapToObj(i -> new Rate(LocalDate.parse(pairs[2 * i]), new BigDecimal(pairs[2 * i + 1]))).toList();
    }
}
