package vn.ecomdss.extract;

import tools.jackson.databind.JsonNode;

/** One record of a source's listing, as the source returned it. */
public record FetchedRecord(String source, String entity, String idPointer, JsonNode item) {
}
