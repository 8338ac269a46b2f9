package vn.ecomdss.definition;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import vn.ecomdss.pipeline.DefinitionFile;
import vn.ecomdss.pipeline.DefinitionNode;
import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.SourceCatalogue;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * Reads {@code job-definitions/sources/}: each source's kind, address, paging and politeness, and for each of its
 * entities how the records map onto a warehouse target (JSON pointers, or for a web site the listing to scrape).
 */
final class SourceDefinitionLoader {

    private static final Set<String> SOURCE_KEYS = Set.of("source", "kind", "base-url", "embedded", "currency",
            "paging", "timeout-seconds", "max-retries", "entities", "rate-limit", "on-failure", "user-agent", "path");
    private static final Set<String> ENTITY_KEYS = Set.of("path", "items-field", "id", "target", "required",
            "fields", "lines", "reviews", "snapshot", "changes-only", "incremental", "listing", "customer-source");
    private static final Set<String> LISTING_KEYS = Set.of("paths", "page-param", "max-pages", "extract",
            "json-ld-type", "script", "items", "fields", "price-fields");
    /** The listings the Lazada connector knows how to page (an order listing is completed by /orders/items/get). */
    private static final List<String> LAZADA_LISTINGS = List.of("/products/get", "/orders/get");
    /** The listings the Tiki connector pages; an order carries its lines as {@code items}. */
    private static final List<String> TIKI_LISTINGS = List.of("/integration/v2/products", "/integration/v2/orders");
    /**
     * The listings the Shopee connector reads, each completed by its detail call, and the target each is read as;
     * Shopee serves at most 100 records a page.
     */
    private static final Map<String, String> SHOPEE_LISTINGS = Map.of("/api/v2/product/get_item_list", "product",
            "/api/v2/order/get_order_list", "order", "/api/v2/returns/get_return_list", "return");
    private static final int SHOPEE_MAX_PAGE = 100;
    /** The searches the Sendo Open API connector walks, each with the target it is read as. */
    private static final Map<String, String> SENDO_OPEN_SEARCHES = Map.of(
            "/api/partner/product/search", "product", "/api/partner/salesorder/search", "order");
    /** Sendo's searches serve at most 50 records a page. */
    private static final int SENDO_OPEN_MAX_PAGE = 50;
    private static final String POINTERS = "expected a JSON pointer such as /address/city or a list of them";

    /** What a kind whose reader knows only some listings checks beyond the common keys. */
    @FunctionalInterface
    private interface KindCheck {
        void check(DefinitionNode root, String pagingStyle, Map<String, EntityDefinition> entities);
    }

    private static final Map<String, KindCheck> KIND_CHECKS = Map.of(
            "lazada", SourceDefinitionLoader::checkLazada,
            "tiki", SourceDefinitionLoader::checkTiki,
            "shopee", SourceDefinitionLoader::checkShopee,
            "sendo-open", SourceDefinitionLoader::checkSendoOpen,
            "file", SourceDefinitionLoader::checkFile,
            "cdc", SourceDefinitionLoader::checkCdc,
            "document-store", SourceDefinitionLoader::checkDocumentStore);

    private final DefinitionProblems problems;

    SourceDefinitionLoader(DefinitionProblems problems) {
        this.problems = problems;
    }

    SourceCatalogue load(String location) {
        Map<String, SourceDefinition> sources = new LinkedHashMap<>();
        for (DefinitionFile file : DefinitionFile.in(location, "sources")) {
            SourceDefinition source = readSource(file);
            if (source != null && sources.putIfAbsent(source.name(), source) != null) {
                problems.add(file.name(), "source", "duplicate source name '" + source.name() + "'");
            }
        }
        checkCustomerSources(sources);
        return new SourceCatalogue(sources);
    }

    private SourceDefinition readSource(DefinitionFile file) {
        DefinitionNode root = file.root("expected a mapping at the top of the file", problems);
        if (root == null) {
            return null;
        }
        root.allowOnly(SOURCE_KEYS);
        String name = root.get("source").requiredText();
        String kind = root.get("kind").known(SourceDefinition.KINDS, "http-json", "source kind");
        String baseUrl = root.get("base-url").text(null);
        String embedded = root.get("embedded").known(SourceDefinition.EMBEDDED, null, "embedded service");
        String path = null;
        if (kind.equals("file")) {
            path = root.get("path").requiredText();
            if (baseUrl != null || embedded != null) {
                root.get(baseUrl != null ? "base-url" : "embedded").problem("a file source reads the directory at "
                        + "path, not a service");
            }
        } else if (kind.equals("document-store")) {
            path = root.get("path").requiredText();
            if (baseUrl == null && !"document-store".equals(embedded)) {
                root.get("embedded").problem("a document-store source reads the platform's own store (embedded: "
                        + "document-store) or a base-url mongodb://host:port");
            }
        } else if (root.has("path")) {
            root.get("path").problem("only a file source (its directory) or a document-store source (its database) "
                    + "has a path (others have a base-url)");
        } else if (baseUrl == null && embedded == null) {
            root.get("base-url").problem("a source needs a base-url (or embedded: vnmarket)");
        }
        String onFailure = root.get("on-failure").oneOf(SourceDefinition.ON_FAILURE, "fail",
                "one of " + SourceDefinition.ON_FAILURE);
        DefinitionNode rateNode = root.get("rate-limit");
        rateNode.allowOnly(Set.of("requests-per-hour", "burst"));
        SourceDefinition.RateLimit rateLimit = new SourceDefinition.RateLimit(
                rateNode.get("requests-per-hour").integer(0), rateNode.get("burst").integer(1));
        if (rateLimit.requestsPerHour() < 0 || rateLimit.burst() < 1) {
            rateNode.problem("requests-per-hour must be 0 (unlimited) or more and burst at least 1");
        }
        DefinitionNode pagingNode = root.get("paging");
        String style = pagingNode.get("style").known(SourceDefinition.PAGING_STYLES, "none", "paging style");
        SourceDefinition.Paging paging = new SourceDefinition.Paging(style,
                pagingNode.get("limit-param").text("limit"),
                pagingNode.get("offset-param").text(style.equals("offset-limit") ? "offset" : "skip"),
                pagingNode.get("page-size").integer(100, 1, Integer.MAX_VALUE),
                pagingNode.get("total-field").text(null));
        Duration timeout = Duration.ofSeconds(root.get("timeout-seconds").integer(30, 1, Integer.MAX_VALUE));
        int maxRetries = root.get("max-retries").integer(3, 0, Integer.MAX_VALUE);
        Map<String, EntityDefinition> entities = new LinkedHashMap<>();
        DefinitionNode entityNodes = root.get("entities");
        if (!entityNodes.isMapping() || entityNodes.entries().isEmpty()) {
            entityNodes.problem("a source needs at least one entity");
        } else {
            entityNodes.entries().forEach((entityName, node) -> {
                EntityDefinition entity = readEntity(name, entityName, node, kind);
                if (entity != null) {
                    entities.put(entity.name(), entity);
                }
            });
        }
        KindCheck kindCheck = KIND_CHECKS.get(kind);
        if (kindCheck != null) {
            kindCheck.check(root, style, entities);
        }
        return name == null ? null : new SourceDefinition(file.name(), name, kind, baseUrl, embedded,
                root.get("currency").text("VND"), paging, timeout, maxRetries, entities, rateLimit, onFailure,
                root.get("user-agent").text(SourceDefinition.DEFAULT_USER_AGENT), path);
    }

    private EntityDefinition readEntity(String sourceName, String name, DefinitionNode node, String kind) {
        node.allowOnly(ENTITY_KEYS);
        EntityDefinition.Listing listing = null;
        String path;
        if (kind.equals("html")) {
            listing = readListing(node.get("listing"));
            path = listing == null || listing.paths().isEmpty() ? null : listing.paths().get(0);
        } else {
            path = node.get("path").requiredText();
        }
        EntityDefinition.Incremental incremental = null;
        DefinitionNode incrementalNode = node.get("incremental");
        if (node.has("incremental")) {
            incrementalNode.allowOnly(Set.of("field", "param", "param-format", "lookback"));
            String marker = incrementalNode.get("field").requiredText();
            pointer(incrementalNode.get("field"), marker);
            String format = incrementalNode.get("param-format").oneOf(List.of("timestamp", "date"), "timestamp",
                    "timestamp or date");
            Duration lookback = incrementalNode.get("lookback").duration(Duration.ZERO);
            if (incrementalNode.has("lookback") && !kind.equals("document-store")) {
                incrementalNode.get("lookback").problem("only a document-store source reads again behind its "
                        + "watermark");
            }
            incremental = new EntityDefinition.Incremental(marker, incrementalNode.get("param").text(null), format,
                    lookback);
        }
        DefinitionNode targetNode = node.get("target");
        String target = targetNode.requiredText();
        if (target != null && !EntityDefinition.TARGET_FIELDS.containsKey(target)) {
            targetNode.problem("unknown target '" + target + "' (known: " + EntityDefinition.TARGET_FIELDS.keySet() + ")");
            return null;
        }
        Map<String, String> required = new LinkedHashMap<>();
        node.get("required").entries().forEach((pointer, type) -> {
            required.put(pointer, type.known(EntityDefinition.TYPES, "", "type"));
            pointer(node.get("required"), pointer);
        });
        Map<String, List<String>> fields = readFields(node.get("fields"),
                target == null ? List.of() : EntityDefinition.TARGET_FIELDS.get(target));
        EntityDefinition.Lines lines = null;
        if ("order".equals(target)) {
            lines = readLines(node.get("lines"), EntityDefinition.LINE_FIELDS);
            for (String needed : List.of("product_id", "quantity", "unit_price")) {
                if (!lines.fields().containsKey(needed)) {
                    node.get("lines").get("fields").get(needed).problem("an order line needs " + needed);
                }
            }
        }
        String customerSource = null;
        if ("activity".equals(target)) {
            for (String needed : EntityDefinition.ACTIVITY_REQUIRED_FIELDS) {
                if (!fields.containsKey(needed)) {
                    node.get("fields").get(needed).problem("an activity event needs " + needed);
                }
            }
            customerSource = node.get("customer-source").text(sourceName);
        } else if (node.has("customer-source")) {
            node.get("customer-source").problem("only an activity listing names the source of its customers");
        }
        EntityDefinition.Lines reviews = null;
        if (node.has("reviews")) {
            if (!"product".equals(target)) {
                node.get("reviews").problem("only a product listing carries reviews");
            }
            reviews = readLines(node.get("reviews"), EntityDefinition.REVIEW_FIELDS);
        }
        String snapshot = node.get("snapshot").oneOf(List.of("full", "partial"), "partial", "full or partial");
        boolean changesOnly = node.get("changes-only").json().asBoolean(false);
        if ("full".equals(snapshot) && changesOnly) {
            node.get("changes-only").problem("a full snapshot is read whole (missing keys count as deleted); "
                    + "drop changes-only or snapshot: full");
        }
        String idPointer = node.get("id").text("/id");
        pointer(node.get("id"), idPointer);
        return path == null || target == null ? null : new EntityDefinition(name, path,
                node.get("items-field").text(null), idPointer, target, required, fields, lines, reviews,
                "full".equals(snapshot), changesOnly, incremental, listing, customerSource);
    }

    /** Lazada pages with offset and limit, and only the listings its reader completes are declared. */
    private static void checkLazada(DefinitionNode root, String style, Map<String, EntityDefinition> entities) {
        if (!style.equals("offset-limit")) {
            root.get("paging").get("style").problem("a lazada source pages with offset-limit");
        }
        entities.values().forEach(entity -> {
            String apiPath = entity.path().split("\\?", 2)[0];
            if (!LAZADA_LISTINGS.contains(apiPath)) {
                root.get("entities").get(entity.name()).get("path").problem("a lazada listing is one of "
                        + LAZADA_LISTINGS + ", got '" + apiPath + "'");
            } else if (apiPath.equals("/orders/get") != "order".equals(entity.target())) {
                root.get("entities").get(entity.name()).get("target").problem("/orders/get is read as target: order, "
                        + "and only it");
            }
        });
    }

    /** Tiki pages with page and limit, which the reader derives from offset-limit paging; only its listings are read. */
    private static void checkTiki(DefinitionNode root, String style, Map<String, EntityDefinition> entities) {
        if (!style.equals("offset-limit")) {
            root.get("paging").get("style").problem("a tiki source pages with offset-limit (the page sent is "
                    + "offset / page-size + 1)");
        }
        entities.values().forEach(entity -> {
            String apiPath = entity.path().split("\\?", 2)[0];
            if (!TIKI_LISTINGS.contains(apiPath)) {
                root.get("entities").get(entity.name()).get("path").problem("a tiki listing is one of "
                        + TIKI_LISTINGS + ", got '" + apiPath + "'");
            } else if (apiPath.endsWith("/orders") != "order".equals(entity.target())) {
                root.get("entities").get(entity.name()).get("target").problem("/integration/v2/orders is read as "
                        + "target: order, and only it");
            }
        });
    }

    /** Shopee's pages hold at most 100 records, and only the listings its reader completes are declared. */
    private static void checkShopee(DefinitionNode root, String style, Map<String, EntityDefinition> entities) {
        DefinitionNode pageSize = root.get("paging").get("page-size");
        if (pageSize.json().asInt(SHOPEE_MAX_PAGE) > SHOPEE_MAX_PAGE) {
            pageSize.problem("Shopee serves at most " + SHOPEE_MAX_PAGE + " records a page");
        }
        entities.values().forEach(entity -> {
            String apiPath = entity.path().split("\\?", 2)[0];
            String target = SHOPEE_LISTINGS.get(apiPath);
            if (target == null) {
                root.get("entities").get(entity.name()).get("path").problem("a shopee listing is one of "
                        + SHOPEE_LISTINGS.keySet().stream().sorted().toList() + ", got '" + apiPath + "'");
            } else if (!target.equals(entity.target())) {
                root.get("entities").get(entity.name()).get("target").problem(apiPath + " is read as target: "
                        + target + ", got '" + entity.target() + "'");
            }
        });
    }

    /**
     * Sendo pages by page token, at most 50 a page, and only its product and sales-order searches are declared,
     * each as its target; the reader sends Sendo's own date filters, so an entity names no incremental param.
     */
    private static void checkSendoOpen(DefinitionNode root, String style, Map<String, EntityDefinition> entities) {
        if (!style.equals("page-token")) {
            root.get("paging").get("style").problem("a sendo-open source pages with page-token");
        }
        DefinitionNode pageSize = root.get("paging").get("page-size");
        if (pageSize.json().asInt(100) > SENDO_OPEN_MAX_PAGE) {
            pageSize.problem("Sendo serves at most " + SENDO_OPEN_MAX_PAGE + " a page (the default is 100)");
        }
        entities.values().forEach(entity -> {
            DefinitionNode node = root.get("entities").get(entity.name());
            String target = SENDO_OPEN_SEARCHES.get(entity.path());
            if (target == null) {
                node.get("path").problem("a sendo-open listing is one of " + new TreeSet<>(
                        SENDO_OPEN_SEARCHES.keySet()) + ", got '" + entity.path() + "'");
            } else if (!target.equals(entity.target())) {
                node.get("target").problem(entity.path() + " is read as target: " + target);
            }
            if (entity.incremental() != null && entity.incremental().param() != null) {
                node.get("incremental").get("param").problem("the sendo-open reader filters by Sendo's own dates "
                        + "(date_from/date_to, order_status_date_from/to); name only the field");
            }
        });
    }

    /**
     * A file entity's path is a glob under the source's directory, and it is read whole by file name and
     * modification time (no change marker); an order's lines or a product's reviews, one row each in a flat file,
     * are gathered by the reader under one top-level field, so their path names one.
     */
    private static void checkFile(DefinitionNode root, String style, Map<String, EntityDefinition> entities) {
        entities.values().forEach(entity -> {
            DefinitionNode node = root.get("entities").get(entity.name());
            String glob = entity.path();
            if (glob.startsWith("/") || glob.startsWith("~") || List.of(glob.split("/")).contains("..")) {
                node.get("path").problem("a file entity's path is a glob under the source's path, such as "
                        + "orders/*.csv, got '" + glob + "'");
            }
            if (entity.incremental() != null) {
                node.get("incremental").problem("a file source reads each file again only when its name, size or "
                        + "modification time changed; it has no incremental field");
            }
            for (String nested : new String[] {"lines", "reviews"}) {
                EntityDefinition.Lines lines = nested.equals("lines") ? entity.lines() : entity.reviews();
                if (lines != null && lines.pointer() != null && !lines.pointer().matches("/[^/]+")) {
                    node.get(nested).get("path").problem("the reader gathers the rows of one " + entity.target()
                            + " under one top-level field, such as /" + nested + ", got '" + lines.pointer() + "'");
                }
            }
        });
    }

    /**
     * A change data capture source reads tables of one PostgreSQL database, named as lower-case identifiers (they
     * name the publication's tables and the {@code cdc_<table>} topics); its records are changes, landed raw.
     */
    private static void checkCdc(DefinitionNode root, String style, Map<String, EntityDefinition> entities) {
        if (root.has("embedded") && !"postgres".equals(root.get("embedded").text(null))) {
            root.get("embedded").problem("a cdc source reads PostgreSQL: embedded: postgres (the platform's own) "
                    + "or a base-url jdbc:postgresql://host:port/database");
        }
        entities.values().forEach(entity -> {
            DefinitionNode node = root.get("entities").get(entity.name());
            if (!entity.path().matches("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*")) {
                node.get("path").problem("a cdc entity's path is a table as schema.table in lower case, such as "
                        + "oltp.orders, got '" + entity.path() + "'");
            }
            if (!"raw".equals(entity.target())) {
                node.get("target").problem("a cdc entity's records are row changes, landed as target: raw");
            }
        });
    }

    /**
     * A document-store source's path is a MongoDB database and each entity's path one of its collections; every
     * entity is read incrementally by a timestamp field ({@code incremental.field}, a top-level or dotted field as
     * a JSON pointer), which the reader queries itself, so no request param.
     */
    private static void checkDocumentStore(DefinitionNode root, String style, Map<String, EntityDefinition> entities) {
        String database = root.get("path").text(null);
        if (database != null && !database.matches("[A-Za-z0-9_-]{1,63}")) {
            root.get("path").problem("a document-store source's path is a database name (letters, digits, _ and -), "
                    + "got '" + database + "'");
        }
        String baseUrl = root.get("base-url").text(null);
        if (baseUrl != null && !baseUrl.startsWith("mongodb://") && !baseUrl.startsWith("mongodb+srv://")) {
            root.get("base-url").problem("a document-store source's base-url is a MongoDB connection string "
                    + "(mongodb://host:port), got '" + baseUrl + "'");
        }
        entities.values().forEach(entity -> {
            DefinitionNode node = root.get("entities").get(entity.name());
            if (!entity.path().matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
                node.get("path").problem("a document-store entity's path is a collection name, such as "
                        + "user_activities, got '" + entity.path() + "'");
            }
            if (entity.incremental() == null) {
                node.get("incremental").problem("a document-store entity is read by its timestamp field: "
                        + "incremental: {field: /timestamp}");
            } else if (entity.incremental().param() != null) {
                node.get("incremental").get("param").problem("a document-store reader queries the collection by "
                        + "the field itself; name only the field");
            }
        });
    }

    /** The nested records of an entity (an order's lines, a product's reviews): where they are and their fields. */
    private EntityDefinition.Lines readLines(DefinitionNode node, List<String> known) {
        return new EntityDefinition.Lines(node.get("path").requiredText(), readFields(node.get("fields"), known));
    }

    /** An activity listing's customers come from a declared source that lists customers. */
    private void checkCustomerSources(Map<String, SourceDefinition> sources) {
        for (SourceDefinition source : sources.values()) {
            for (EntityDefinition entity : source.entities().values()) {
                String customers = entity.customerSource();
                if (customers == null || customers.equals(source.name())) {
                    continue;
                }
                SourceDefinition named = sources.get(customers);
                String field = "entities." + entity.name() + ".customer-source";
                if (named == null) {
                    problems.add(source.file(), field, "unknown source '" + customers + "' (known: "
                            + sources.keySet().stream().sorted().toList() + ")");
                } else if (named.entities().values().stream().noneMatch(e -> e.target().equals("customer"))) {
                    problems.add(source.file(), field, "source '" + customers + "' has no customer listing");
                }
            }
        }
    }

    private EntityDefinition.Listing readListing(DefinitionNode node) {
        if (!node.isMapping()) {
            node.problem("an html entity needs a listing (paths, extract, ...)");
            return null;
        }
        node.allowOnly(LISTING_KEYS);
        List<String> paths = node.get("paths").texts("expected a page path such as /dien-thoai or a list of them");
        if (paths.isEmpty()) {
            node.get("paths").problem("a listing needs at least one page path, such as /dien-thoai");
        }
        String extract = node.get("extract").known(EntityDefinition.EXTRACT_MODES, "json-ld", "extraction");
        if (!extract.equals("json-ld")) {
            node.get("items").requiredText();
        }
        if (extract.equals("embedded-json")) {
            node.get("script").requiredText();
            pointer(node.get("items"), node.get("items").text(null));
        }
        Map<String, String> cssFields = new LinkedHashMap<>();
        node.get("fields").entries().forEach((key, selector) -> cssFields.put(key, selector.text(null)));
        if (extract.equals("css") && cssFields.isEmpty()) {
            node.get("fields").problem("css extraction needs fields mapped to selectors");
        }
        List<String> priceFields = node.get("price-fields").texts(POINTERS);
        priceFields.forEach(p -> pointer(node.get("price-fields"), p));
        return new EntityDefinition.Listing(paths, node.get("page-param").text(null),
                node.get("max-pages").integer(1, 1, Integer.MAX_VALUE), extract,
                node.get("json-ld-type").text("Product"), node.get("script").text(null),
                node.get("items").text(null), cssFields, priceFields);
    }

    /** Each field of the target mapped to one JSON pointer, or to several tried in order. */
    private Map<String, List<String>> readFields(DefinitionNode node, List<String> known) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        node.entries().forEach((key, value) -> {
            if (!known.contains(key)) {
                value.problem("unknown field '" + key + "' (known: " + known + ")");
                return;
            }
            // A field written with nothing after it (title:) lacks its pointer; it does not map to no pointers.
            List<String> pointers = value.isAbsent() ? List.of("") : value.texts(POINTERS);
            pointers.forEach(p -> pointer(value, p));
            fields.put(key, pointers);
        });
        return fields;
    }

    private void pointer(DefinitionNode at, String pointer) {
        if (pointer == null || !pointer.startsWith("/")) {
            at.problem("expected a JSON pointer such as /address/city, got '" + pointer + "'");
        }
    }
}
