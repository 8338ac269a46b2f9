package vn.ecomdss.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vn.ecomdss.embedded.LoopbackHttpServer;

/**
 * Serves the DummyJSON and Platzi snapshots in {@code shared/fixtures} over HTTP on 127.0.0.1, in the
 * public APIs' own shapes, so connectors can be tested against real data without the network.
 *
 * <p>DummyJSON: {@code /products}, {@code /users}, {@code /carts} ({@code limit} default 30, {@code 0} = all,
 * {@code skip}, {@code select}), {@code /{entity}/{id}}, {@code /products/categories}, {@code /products/category-list},
 * {@code /products/category/{slug}}, {@code /products/search?q=}, {@code /carts/user/{userId}}.
 * Platzi: {@code /api/v1/products} ({@code offset}, {@code limit}, {@code categoryId}, {@code title}),
 * {@code /api/v1/users} (authored, the snapshot has none),
 * {@code /api/v1/products/{id}}, {@code /api/v1/products/slug/{slug}}, {@code /api/v1/categories},
 * {@code /api/v1/categories/{id}}, {@code /api/v1/categories/{id}/products}.
 *
 * <p>Platzi ids: the snapshot holds UUIDs, while the public API uses integers; products are served with
 * their 1-based position in the snapshot as id, which is also the id {@link #patch} takes.
 */
public final class FixtureApiServer implements AutoCloseable {

    public static final String DUMMYJSON = "dummyjson";
    public static final String PLATZI = "platzi";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant PLATZI_CREATED = Instant.parse("2025-01-06T08:00:00Z");
    private static final DateTimeFormatter PLATZI_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> DUMMYJSON_ENTITIES = Set.of("products", "users", "carts");
    /** The snapshot has no Platzi users; these few, in the API's shape, are authored in the test resources. */
    private static final List<ObjectNode> PLATZI_USERS = platziUsers();

    private final Map<String, List<ObjectNode>> original;
    private final Map<String, List<ObjectNode>> current = new HashMap<>();
    private final Map<String, Failure> failures = new LinkedHashMap<>();
    private volatile long responseDelayMillis;
    /** While set, answers wait for it: see {@link #holdResponses}. */
    private volatile java.util.concurrent.CountDownLatch held;
    private final ConcurrentLinkedQueue<String> requestedPaths = new ConcurrentLinkedQueue<>();
    private Instant lastPatch = Instant.EPOCH;
    private final LoopbackHttpServer server;

    private static final class Failure {
        int remaining;
        final int status;

        Failure(int remaining, int status) {
            this.remaining = remaining;
            this.status = status;
        }
    }

    private FixtureApiServer(Map<String, List<ObjectNode>> original, int port) {
        this.original = original;
        reset();
        this.server = LoopbackHttpServer.start("fixture-api", port, 4, this::handle);
    }

    /** Serves {@link #fixturesDirectory()} on an ephemeral port. */
    public static FixtureApiServer start() {
        return start(fixturesDirectory(), 0);
    }

    public static FixtureApiServer start(Path fixturesDir, int port) {
        Map<String, List<ObjectNode>> data = new HashMap<>();
        for (String entity : DUMMYJSON_ENTITIES) {
            data.put(key(DUMMYJSON, entity), records(fixturesDir.resolve("dummyjson").resolve(entity + ".json")));
        }
        data.put(key(PLATZI, "categories"), platziCategories(records(fixturesDir.resolve("platzi/categories.json"))));
        data.put(key(PLATZI, "products"), platziProducts(records(fixturesDir.resolve("platzi/products.json"))));
        return new FixtureApiServer(Map.copyOf(data), port);
    }

    /** {@code $DSS_FIXTURES_DIR}, else {@code <project root>/../shared/fixtures}. */
    public static Path fixturesDirectory() {
        String configured = System.getenv("DSS_FIXTURES_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no pom.xml above " + Path.of("").toAbsolutePath() + "; set DSS_FIXTURES_DIR");
        }
        return dir.resolveSibling("shared").resolve("fixtures");
    }

    /** DummyJSON base: {@code baseUri().resolve("/products")}; Platzi lives under {@code /api/v1}. */
    public URI baseUri() {
        return server.baseUri();
    }

    public URI platziBaseUri() {
        return baseUri().resolve("/api/v1");
    }

    /** The next {@code times} requests whose path starts with {@code pathPrefix} answer {@code status}. */
    public synchronized void failNext(String pathPrefix, int times, int status) {
        failures.put(pathPrefix, new Failure(times, status));
    }

    /** Every answer waits this long first, so a test can act while a run is still reading (0 to stop). */
    public void delayResponses(java.time.Duration delay) {
        responseDelayMillis = delay.toMillis();
    }

    /**
     * Answers wait (for two minutes at most) until {@link #releaseResponses}: a run reading from here cannot finish
     * while a test does something that must find it still running, however slow the machine.
     */
    public void holdResponses() {
        held = new java.util.concurrent.CountDownLatch(1);
    }

    public void releaseResponses() {
        java.util.concurrent.CountDownLatch latch = held;
        held = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    /** Requests (failed ones included) whose path starts with {@code pathPrefix} since start or {@link #reset}. */
    public int requestCount(String pathPrefix) {
        return (int) requestedPaths.stream().filter(p -> p.startsWith(pathPrefix)).count();
    }

    /**
     * Changes a served record: {@code changes} keys may be dotted paths into nested objects
     * ({@code "address.city"}), values anything Jackson can convert, {@code null} included.
     * Platzi products are stored as in the seed file: {@code category_id} and comma-joined {@code images}.
     * DummyJSON {@code meta.updatedAt} and Platzi {@code updatedAt} advance unless set explicitly.
     */
    public synchronized void patch(String dataset, String entity, int id, Map<String, Object> changes) {
        List<ObjectNode> records = current.get(key(dataset, entity));
        if (records == null) {
            throw new IllegalArgumentException("no dataset/entity " + dataset + "/" + entity);
        }
        ObjectNode record = records.stream().filter(r -> r.path("id").asInt() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + dataset + "/" + entity + " with id " + id));
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            set(record, change.getKey(), JSON.valueToTree(change.getValue()));
        }
        String now = nextPatchTime();
        if (PLATZI.equals(dataset) && !changes.containsKey("updatedAt")) {
            record.put("updatedAt", now);
        }
        if (DUMMYJSON.equals(dataset) && record.has("meta") && !changes.containsKey("meta.updatedAt")) {
            ((ObjectNode) record.get("meta")).put("updatedAt", now);
        }
    }

    /** Restores the snapshots and clears pending failures and request counts. */
    public synchronized void reset() {
        original.forEach((k, records) -> current.put(k, records.stream().map(ObjectNode::deepCopy).collect(Collectors.toList())));
        failures.clear();
        requestedPaths.clear();
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(LoopbackHttpServer.Exchange exchange) throws IOException, InterruptedException {
        String path = exchange.path();
        requestedPaths.add(path);
        java.util.concurrent.CountDownLatch latch = held;
        if (latch != null) {
            latch.await(2, java.util.concurrent.TimeUnit.MINUTES);
        }
        long delay = responseDelayMillis;
        if (delay > 0) {
            // The delay asked for by delayResponses: the answer itself is what is late.
            Thread.sleep(delay);
        }
        Integer injected = takeFailure(path);
        if (injected != null) {
            if (injected == 429 || injected == 503) {
                // 0 so retrying connectors are exercised without slowing the tests down.
                exchange.setHeader("Retry-After", "0");
            }
            exchange.json(injected, message("Injected failure " + injected + " for " + path));
            return;
        }
        if (!"GET".equals(exchange.method())) {
            exchange.json(405, message("Only GET is served by the fixture API"));
            return;
        }
        Response response;
        synchronized (this) {
            response = path.startsWith("/api/v1/")
                    ? platzi(path.substring("/api/v1/".length()), exchange.query())
                    : dummyJson(path, exchange.query());
        }
        exchange.json(response.status(), response.body());
    }

    private record Response(int status, JsonNode body) {
        static Response ok(JsonNode body) {
            return new Response(200, body);
        }
    }

    private synchronized Integer takeFailure(String path) {
        String longest = null;
        for (Map.Entry<String, Failure> entry : failures.entrySet()) {
            if (entry.getValue().remaining > 0 && path.startsWith(entry.getKey())
                    && (longest == null || entry.getKey().length() > longest.length())) {
                longest = entry.getKey();
            }
        }
        if (longest == null) {
            return null;
        }
        Failure failure = failures.get(longest);
        failure.remaining--;
        return failure.status;
    }

    // ---- DummyJSON -------------------------------------------------------------------------------

    private Response dummyJson(String path, Map<String, String> query) {
        List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        if (parts.isEmpty() || !DUMMYJSON_ENTITIES.contains(parts.get(0))) {
            return new Response(404, message("Not found: " + path));
        }
        String entity = parts.get(0);
        List<ObjectNode> records = current.get(key(DUMMYJSON, entity));
        if (parts.size() == 1) {
            return dummyJsonPage(entity, records, query);
        }
        String second = parts.get(1);
        if (entity.equals("products") && parts.size() == 2 && second.equals("categories")) {
            ArrayNode categories = JSON.createArrayNode();
            distinctCategories(records).forEach(slug -> categories.addObject()
                    .put("slug", slug).put("name", categoryName(slug))
                    .put("url", "https://dummyjson.com/products/category/" + slug));
            return Response.ok(categories);
        }
        if (entity.equals("products") && parts.size() == 2 && second.equals("category-list")) {
            ArrayNode slugs = JSON.createArrayNode();
            distinctCategories(records).forEach(slugs::add);
            return Response.ok(slugs);
        }
        if (entity.equals("products") && parts.size() == 3 && second.equals("category")) {
            return dummyJsonPage(entity, records.stream().filter(r -> r.path("category").asString().equals(parts.get(2))).toList(), query);
        }
        if (parts.size() == 2 && second.equals("search")) {
            String q = query.getOrDefault("q", "").toLowerCase(Locale.ROOT);
            return dummyJsonPage(entity, records.stream().filter(r -> r.toString().toLowerCase(Locale.ROOT).contains(q)).toList(), query);
        }
        if (entity.equals("carts") && parts.size() == 3 && second.equals("user")) {
            return dummyJsonPage(entity, records.stream().filter(r -> r.path("userId").asString().equals(parts.get(2))).toList(), query);
        }
        if (parts.size() == 2) {
            String singular = switch (entity) {
                case "products" -> "Product";
                case "users" -> "User";
                default -> "Cart";
            };
            return records.stream().filter(r -> r.path("id").asString().equals(second)).findFirst()
                    .map(r -> Response.ok(select(r, query.get("select"))))
                    .orElseGet(() -> new Response(404, message(singular + " with id '" + second + "' not found")));
        }
        return new Response(404, message("Not found: " + path));
    }

    private Response dummyJsonPage(String entity, List<ObjectNode> records, Map<String, String> query) {
        Integer limit = nonNegative(query, "limit", 30);
        Integer skip = nonNegative(query, "skip", 0);
        if (limit == null || skip == null) {
            return new Response(400, message("limit and skip must be non-negative integers"));
        }
        int from = Math.min(skip, records.size());
        int to = limit == 0 ? records.size() : (int) Math.min((long) from + limit, records.size());
        ObjectNode body = JSON.createObjectNode();
        ArrayNode items = body.putArray(entity);
        records.subList(from, to).forEach(r -> items.add(select(r, query.get("select"))));
        body.put("total", records.size());
        body.put("skip", skip);
        // Like DummyJSON, "limit" reports how many items this page actually holds.
        body.put("limit", to - from);
        return Response.ok(body);
    }

    private static JsonNode select(ObjectNode record, String select) {
        if (select == null || select.isBlank()) {
            return record.deepCopy();
        }
        ObjectNode picked = JSON.createObjectNode();
        picked.set("id", record.get("id"));
        for (String field : select.split(",")) {
            JsonNode value = record.get(field.trim());
            if (value != null) {
                picked.set(field.trim(), value.deepCopy());
            }
        }
        return picked;
    }

    private static List<String> distinctCategories(List<ObjectNode> products) {
        return products.stream().map(p -> p.path("category").asString()).distinct().toList();
    }

    private static String categoryName(String slug) {
        return Arrays.stream(slug.split("-"))
                .map(w -> w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1))
                .collect(Collectors.joining(" "));
    }

    // ---- Platzi ----------------------------------------------------------------------------------

    private Response platzi(String path, Map<String, String> query) {
        List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        List<ObjectNode> products = current.get(key(PLATZI, "products"));
        List<ObjectNode> categories = current.get(key(PLATZI, "categories"));
        if (parts.equals(List.of("products"))) {
            List<ObjectNode> selected = products;
            if (query.containsKey("categoryId")) {
                selected = selected.stream().filter(p -> p.path("category_id").asString().equals(query.get("categoryId"))).toList();
            }
            if (query.containsKey("title")) {
                String title = query.get("title").toLowerCase(Locale.ROOT);
                selected = selected.stream().filter(p -> p.path("title").asString().toLowerCase(Locale.ROOT).contains(title)).toList();
            }
            return platziPage(selected, query, p -> platziProduct(p, categories));
        }
        if (parts.size() == 2 && parts.get(0).equals("products")) {
            return products.stream().filter(p -> p.path("id").asString().equals(parts.get(1))).findFirst()
                    .map(p -> Response.ok(platziProduct(p, categories)))
                    .orElseGet(() -> notFound("Product", parts.get(1)));
        }
        if (parts.size() == 3 && parts.get(0).equals("products") && parts.get(1).equals("slug")) {
            return products.stream().filter(p -> p.path("slug").asString().equals(parts.get(2))).findFirst()
                    .map(p -> Response.ok(platziProduct(p, categories)))
                    .orElseGet(() -> notFound("Product", parts.get(2)));
        }
        if (parts.equals(List.of("users"))) {
            return platziPage(PLATZI_USERS, query, ObjectNode::deepCopy);
        }
        if (parts.equals(List.of("categories"))) {
            return platziPage(categories, query, ObjectNode::deepCopy);
        }
        if (parts.size() >= 2 && parts.get(0).equals("categories")) {
            ObjectNode category = categories.stream().filter(c -> c.path("id").asString().equals(parts.get(1))).findFirst().orElse(null);
            if (category == null) {
                return notFound("Category", parts.get(1));
            }
            if (parts.size() == 2) {
                return Response.ok(category.deepCopy());
            }
            if (parts.size() == 3 && parts.get(2).equals("products")) {
                return platziPage(products.stream().filter(p -> p.path("category_id").asString().equals(parts.get(1))).toList(),
                        query, p -> platziProduct(p, categories));
            }
        }
        return new Response(404, JSON.createObjectNode().put("message", "Cannot GET /api/v1/" + path)
                .put("error", "Not Found").put("statusCode", 404));
    }

    /** A Platzi listing: a bare array of the page's records, each in the shape the API answers. */
    private static Response platziPage(List<ObjectNode> records, Map<String, String> query,
                                       Function<ObjectNode, ObjectNode> shape) {
        if (badPaging(query)) {
            return badPagingResponse();
        }
        ArrayNode array = JSON.createArrayNode();
        page(records, query).forEach(r -> array.add(shape.apply(r)));
        return Response.ok(array);
    }

    private static boolean badPaging(Map<String, String> query) {
        return nonNegative(query, "offset", 0) == null || nonNegative(query, "limit", 0) == null;
    }

    private static Response badPagingResponse() {
        return new Response(400, JSON.createObjectNode().put("message", "offset and limit must be non-negative integers")
                .put("error", "Bad Request").put("statusCode", 400));
    }

    /** Platzi pages by offset/limit; without a limit it returns everything from the offset. */
    private static List<ObjectNode> page(List<ObjectNode> records, Map<String, String> query) {
        int offset = Math.min(nonNegative(query, "offset", 0), records.size());
        Integer limit = query.containsKey("limit") ? nonNegative(query, "limit", 0) : null;
        int to = limit == null ? records.size() : (int) Math.min((long) offset + limit, records.size());
        return records.subList(offset, to);
    }

    private static ObjectNode platziProduct(ObjectNode stored, List<ObjectNode> categories) {
        ObjectNode product = JSON.createObjectNode();
        product.set("id", stored.get("id"));
        product.set("title", stored.get("title"));
        product.set("slug", stored.get("slug"));
        product.set("price", stored.get("price"));
        product.set("description", stored.get("description"));
        String categoryId = stored.path("category_id").asString();
        categories.stream().filter(c -> c.path("id").asString().equals(categoryId)).findFirst()
                .ifPresentOrElse(c -> product.set("category", c.deepCopy()), () -> product.putNull("category"));
        ArrayNode images = product.putArray("images");
        String joined = stored.path("images").asString("");
        Arrays.stream(joined.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(images::add);
        product.set("creationAt", stored.get("creationAt"));
        product.set("updatedAt", stored.get("updatedAt"));
        return product;
    }

    private static Response notFound(String type, String id) {
        // The public Platzi API answers a missing entity with 400 EntityNotFoundError, not 404.
        return new Response(400, JSON.createObjectNode()
                .put("name", "EntityNotFoundError")
                .put("message", "Could not find any entity of type \"" + type + "\" matching: " + id));
    }

    private static List<ObjectNode> platziUsers() {
        try (var in = FixtureApiServer.class.getResourceAsStream("/fixtures/platzi-users.json")) {
            List<ObjectNode> users = new ArrayList<>();
            JSON.readTree(in).forEach(u -> users.add((ObjectNode) u));
            return List.copyOf(users);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /fixtures/platzi-users.json", e);
        }
    }

    private static List<ObjectNode> platziCategories(List<ObjectNode> seed) {
        List<ObjectNode> categories = new ArrayList<>();
        for (ObjectNode c : seed) {
            ObjectNode category = JSON.createObjectNode();
            category.put("id", c.path("id").asInt());
            category.set("name", c.get("name"));
            category.set("slug", c.get("slug"));
            category.set("image", c.get("image"));
            category.put("creationAt", platziTime(PLATZI_CREATED));
            category.put("updatedAt", platziTime(PLATZI_CREATED));
            categories.add(category);
        }
        return List.copyOf(categories);
    }

    private static List<ObjectNode> platziProducts(List<ObjectNode> seed) {
        List<ObjectNode> products = new ArrayList<>();
        for (int i = 0; i < seed.size(); i++) {
            ObjectNode p = seed.get(i);
            ObjectNode product = JSON.createObjectNode();
            product.put("id", i + 1);
            product.set("title", p.get("title"));
            product.set("slug", p.get("slug"));
            product.set("price", p.get("price"));
            product.set("description", p.get("description"));
            product.put("category_id", p.path("category_id").asInt());
            product.set("images", p.get("images"));
            String created = platziTime(PLATZI_CREATED.plus(i + 1L, ChronoUnit.MINUTES));
            product.put("creationAt", created);
            product.put("updatedAt", created);
            products.add(product);
        }
        return List.copyOf(products);
    }

    private static String platziTime(Instant instant) {
        return PLATZI_TIME.format(instant);
    }

    /** Strictly increasing, so two patches in the same millisecond still read as two changes. */
    private String nextPatchTime() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        lastPatch = now.isAfter(lastPatch) ? now : lastPatch.plusMillis(1);
        return platziTime(lastPatch);
    }

    // ---- plumbing --------------------------------------------------------------------------------

    private static void set(ObjectNode record, String dottedPath, JsonNode value) {
        String[] steps = dottedPath.split("\\.");
        ObjectNode target = record;
        for (int i = 0; i < steps.length - 1; i++) {
            JsonNode next = target.get(steps[i]);
            target = next instanceof ObjectNode object ? object : target.putObject(steps[i]);
        }
        target.set(steps[steps.length - 1], value);
    }

    private static List<ObjectNode> records(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            // Snapshots may be plain arrays or wrapped like an API answer ({"products": [...], ...}).
            JsonNode array = root.isArray() ? root : firstArray(root, file);
            List<ObjectNode> records = new ArrayList<>();
            array.forEach(node -> records.add((ObjectNode) node));
            return List.copyOf(records);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalStateException("cannot read fixture " + file, e);
        }
    }

    private static JsonNode firstArray(JsonNode root, Path file) {
        for (JsonNode value : root) {
            if (value.isArray()) {
                return value;
            }
        }
        throw new IllegalStateException("no array of records in " + file);
    }

    private static Integer nonNegative(Map<String, String> query, String name, int fallback) {
        String value = query.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed < 0 ? null : parsed;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ObjectNode message(String text) {
        return JSON.createObjectNode().put("message", text);
    }

    private static String key(String dataset, String entity) {
        return dataset + "/" + entity;
    }
}
