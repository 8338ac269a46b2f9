package vn.ecomdss.simulator;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** One page of an entity list; {@code total} counts every record for that asOf, duplicates included. */
public record MarketPage(List<ObjectNode> items, int total, int skip, int limit) {
}
