package vn.ecomdss.extract.scrape;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.vn.VietnamesePrice;

/**
 * Finds the items of one listing page as JSON objects, the way the entity's listing says: schema.org JSON-LD
 * (objects of the wanted {@code @type}, at the top, in an {@code @graph} or in an ItemList's elements), embedded
 * page JSON such as Next.js's {@code __NEXT_DATA__}, or CSS selectors mapped to fields. Price text at the
 * listing's price fields becomes a number of VND (null for "Liên hệ"), the text kept beside it as
 * {@code <field>_text}.
 */
public final class ListingPageParser {

    private final JsonMapper json;

    public ListingPageParser(JsonMapper json) {
        this.json = json;
    }

    public List<ObjectNode> items(Document page, EntityDefinition.Listing listing) {
        List<ObjectNode> items = switch (listing.extract()) {
            case "json-ld" -> jsonLd(page, listing.jsonLdType());
            case "embedded-json" -> embedded(page, listing);
            default -> css(page, listing);
        };
        items.forEach(item -> listing.priceFields().forEach(pointer -> parsePrice(item, pointer)));
        return items;
    }

    private List<ObjectNode> jsonLd(Document page, String type) {
        List<ObjectNode> found = new ArrayList<>();
        for (Element script : page.select("script[type=application/ld+json]")) {
            JsonNode root = read(script.data(), page.location(), "JSON-LD");
            collect(root, type, found);
        }
        return found;
    }

    private void collect(JsonNode node, String type, List<ObjectNode> found) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, type, found));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (isType(node, type)) {
            found.add((ObjectNode) node);
            return;
        }
        if (node.has("@graph")) {
            collect(node.get("@graph"), type, found);
        }
        if (isType(node, "ItemList")) {
            for (JsonNode element : node.path("itemListElement")) {
                collect(element.has("item") ? element.get("item") : element, type, found);
            }
        }
    }

    private static boolean isType(JsonNode node, String type) {
        JsonNode declared = node.path("@type");
        if (declared.isArray()) {
            return declared.valueStream().anyMatch(t -> t.asString().equals(type));
        }
        return declared.asString("").equals(type);
    }

    private List<ObjectNode> embedded(Document page, EntityDefinition.Listing listing) {
        Element script = page.selectFirst(listing.script());
        if (script == null) {
            return List.of();
        }
        JsonNode items = read(script.data(), page.location(), listing.script()).at(listing.items());
        List<ObjectNode> found = new ArrayList<>();
        items.forEach(item -> {
            if (item instanceof ObjectNode object) {
                found.add(object);
            }
        });
        return found;
    }

    private List<ObjectNode> css(Document page, EntityDefinition.Listing listing) {
        List<ObjectNode> found = new ArrayList<>();
        for (Element element : page.select(listing.items())) {
            ObjectNode item = json.createObjectNode();
            for (Map.Entry<String, String> field : listing.cssFields().entrySet()) {
                String value = select(element, field.getValue());
                if (value == null) {
                    item.putNull(field.getKey());
                } else {
                    item.put(field.getKey(), value);
                }
            }
            found.add(item);
        }
        return found;
    }

    /** {@code .price} is an element's text, {@code a@href} an attribute (absolute for links), {@code @data-id} the item's own. */
    private static String select(Element item, String selector) {
        int at = selector.lastIndexOf('@');
        String css = at < 0 ? selector : selector.substring(0, at).trim();
        Element target = css.isEmpty() ? item : item.selectFirst(css);
        if (target == null) {
            return null;
        }
        if (at < 0) {
            String text = target.text().trim();
            return text.isEmpty() ? null : text;
        }
        String attribute = selector.substring(at + 1);
        String value = attribute.equals("href") || attribute.equals("src") ? target.absUrl(attribute) : target.attr(attribute);
        return value.isBlank() ? null : value;
    }

    private static void parsePrice(ObjectNode item, String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? item : item.at(pointer.substring(0, slash));
        String name = pointer.substring(slash + 1);
        if (!(parent instanceof ObjectNode holder) || !holder.has(name) || !holder.get(name).isString()) {
            return;
        }
        String text = holder.get(name).asString();
        Optional<BigDecimal> price = VietnamesePrice.parse(text);
        holder.put(name + "_text", text);
        if (price.isPresent()) {
            holder.put(name, price.get());
        } else {
            holder.putNull(name);
        }
    }

    private JsonNode read(String text, String url, String what) {
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            throw new PageStructureException(url + ": " + what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
