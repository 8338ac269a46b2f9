package vn.ecomdss.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.ecomdss.pipeline.DefinitionProblems;
import vn.ecomdss.pipeline.SourceCatalogue;

class SourceDefinitionLoaderTest {

    @TempDir
    Path dir;

    private final DefinitionProblems problems = new DefinitionProblems();

    @Test
    void aSourceFileIsNamedWithItsFolderInEveryProblem() throws IOException {
        source("broken.yml", "source: [shop\n");
        source("a.yml", "source: shop\nbase-url: http://127.0.0.1:1\nentities: {products: {path: /p, target: product}}\n");
        source("b.yml", "source: shop\nbase-url: http://127.0.0.1:1\nentities: {products: {path: /p, target: product}}\n");

        new SourceDefinitionLoader(problems).load("file:" + dir);

        assertThat(problems.all()).hasSize(2);
        assertThat(problems.all().get(0)).isEqualTo("sources/b.yml: source: duplicate source name 'shop'");
        assertThat(problems.all().get(1)).startsWith("sources/broken.yml: (document): not valid YAML: ");
    }

    @Test
    void pagingAndPolitenessAreWholeNumbersInTheirRange() throws IOException {
        source("shop.yml", """
                source: shop
                base-url: http://127.0.0.1:1
                timeout-seconds: 0
                max-retries: often
                paging: {style: limit-skip, page-size: 0}
                entities:
                  products: {path: /products, target: product, fields: {title: null, price: /price}}
                """);

        SourceCatalogue sources = new SourceDefinitionLoader(problems).load("file:" + dir);

        assertThat(problems.all()).containsExactly(
                "sources/shop.yml: paging.page-size: at least 1",
                "sources/shop.yml: timeout-seconds: at least 1",
                "sources/shop.yml: max-retries: expected a whole number, got 'often'",
                "sources/shop.yml: entities.products.fields.title: expected a JSON pointer such as /address/city, got ''");
        assertThat(sources.get("shop").paging().pageSize()).isEqualTo(100);
    }

    @Test
    void aTikiSourceDeclaresOnlyTheListingsItsConnectorPagesAndOrdersOnlyAsOrders() throws IOException {
        source("tiki.yml", """
                source: tiki
                kind: tiki
                base-url: http://127.0.0.1:1
                paging: {style: limit-skip}
                entities:
                  products: {path: /integration/v2/orders, target: product, fields: {title: /name}}
                  reviews: {path: /integration/v2/reviews, target: raw}
                """);

        new SourceDefinitionLoader(problems).load("file:" + dir);

        assertThat(problems.all()).containsExactly(
                "sources/tiki.yml: paging.style: a tiki source pages with offset-limit (the page sent is "
                        + "offset / page-size + 1)",
                "sources/tiki.yml: entities.products.target: /integration/v2/orders is read as target: order, "
                        + "and only it",
                "sources/tiki.yml: entities.reviews.path: a tiki listing is one of [/integration/v2/products, "
                        + "/integration/v2/orders], got '/integration/v2/reviews'");
    }

    @Test
    void aShopeeSourceDeclaresOnlyTheListingsItsReaderCompletesEachAsItsTarget() throws IOException {
        source("shopee.yml", """
                source: shopee
                kind: shopee
                base-url: http://127.0.0.1:1
                paging: {style: offset-limit, page-size: 101}
                entities:
                  products: {path: /api/v2/product/get_item_list?item_status=NORMAL, target: product}
                  orders:
                    path: /api/v2/order/get_order_list
                    target: raw
                  returns: {path: /api/v2/returns/get_return_list, target: return, fields: {order_id: /order_sn}}
                  shops: {path: /api/v2/shop/get_shop_info, target: raw}
                """);

        new SourceDefinitionLoader(problems).load("file:" + dir);

        assertThat(problems.all()).containsExactly(
                "sources/shopee.yml: paging.page-size: Shopee serves at most 100 records a page",
                "sources/shopee.yml: entities.orders.target: /api/v2/order/get_order_list is read as target: order, "
                        + "got 'raw'",
                "sources/shopee.yml: entities.shops.path: a shopee listing is one of [/api/v2/order/get_order_list, "
                        + "/api/v2/product/get_item_list, /api/v2/returns/get_return_list], got '/api/v2/shop/get_shop_info'");
    }

    @Test
    void aSendoOpenSourceDeclaresOnlyItsTwoSearchesPagedByTokenAtMostFiftyAPage() throws IOException {
        source("sendo-open.yml", """
                source: sendo-open
                kind: sendo-open
                base-url: http://127.0.0.1:1
                paging: {style: offset-limit, page-size: 100}
                entities:
                  products: {path: /api/partner/product/search, target: customer, fields: {full_name: /name}}
                  reviews:
                    path: /api/partner/reviews
                    target: raw
                    incremental: {field: /updated_at_iso, param: date_from}
                """);

        new SourceDefinitionLoader(problems).load("file:" + dir);

        assertThat(problems.all()).containsExactly(
                "sources/sendo-open.yml: paging.style: a sendo-open source pages with page-token",
                "sources/sendo-open.yml: paging.page-size: Sendo serves at most 50 a page (the default is 100)",
                "sources/sendo-open.yml: entities.products.target: /api/partner/product/search is read as target: product",
                "sources/sendo-open.yml: entities.reviews.path: a sendo-open listing is one of "
                        + "[/api/partner/product/search, /api/partner/salesorder/search], got '/api/partner/reviews'",
                "sources/sendo-open.yml: entities.reviews.incremental.param: the sendo-open reader filters by Sendo's "
                        + "own dates (date_from/date_to, order_status_date_from/to); name only the field");
    }

    @Test
    void aFileSourceReadsGlobsUnderItsPathGathersLinesUnderOneFieldAndHasNoIncrementalField() throws IOException {
        source("files.yml", """
                source: files
                kind: file
                base-url: http://127.0.0.1:1
                entities:
                  orders:
                    path: ../elsewhere/*.csv
                    target: order
                    lines: {path: /items/lines, fields: {product_id: /p, quantity: /q, unit_price: /u}}
                  customers:
                    path: customers/*.csv
                    target: customer
                    incremental: {field: /updated_at}
                """);
        source("shop.yml", """
                source: shop
                base-url: http://127.0.0.1:1
                path: inbox
                entities: {products: {path: /p, target: product}}
                """);

        SourceCatalogue catalogue = new SourceDefinitionLoader(problems).load("file:" + dir);

        assertThat(problems.all()).containsExactlyInAnyOrder(
                "sources/files.yml: path: required",
                "sources/files.yml: base-url: a file source reads the directory at path, not a service",
                "sources/files.yml: entities.orders.path: a file entity's path is a glob under the source's path, "
                        + "such as orders/*.csv, got '../elsewhere/*.csv'",
                "sources/files.yml: entities.orders.lines.path: the reader gathers the rows of one order under one "
                        + "top-level field, such as /lines, got '/items/lines'",
                "sources/files.yml: entities.customers.incremental: a file source reads each file again only when "
                        + "its name, size or modification time changed; it has no incremental field",
                "sources/shop.yml: path: only a file source (its directory) or a document-store source (its "
                        + "database) has a path (others have a base-url)");
        assertThat(catalogue.get("files").kind()).isEqualTo("file");
    }

    @Test
    void aDocumentStoreSourceNamesItsDatabaseAndReadsEachCollectionByATimestampField() throws IOException {
        source("logs.yml", """
                source: logs
                kind: document-store
                base-url: http://127.0.0.1:1
                path: "ecommerce logs"
                entities:
                  activities: {path: user_activities, target: raw, incremental: {field: /timestamp, lookback: PT10M}}
                  events: {path: "$events", target: raw}
                  errors: {path: error_logs, target: raw, incremental: {field: /timestamp, param: since}}
                """);
        source("api.yml", """
                source: api
                base-url: http://127.0.0.1:1
                entities: {products: {path: /p, target: product, incremental: {field: /updated, lookback: PT1H}}}
                """);
        source("store.yml", """
                source: store
                kind: document-store
                path: ecommerce_logs
                entities: {activities: {path: user_activities, target: raw, incremental: {field: /timestamp}}}
                """);

        SourceCatalogue catalogue = new SourceDefinitionLoader(problems).load("file:" + dir);

        assertThat(problems.all()).containsExactlyInAnyOrder(
                "sources/logs.yml: path: a document-store source's path is a database name (letters, digits, _ and "
                        + "-), got 'ecommerce logs'",
                "sources/logs.yml: base-url: a document-store source's base-url is a MongoDB connection string "
                        + "(mongodb://host:port), got 'http://127.0.0.1:1'",
                "sources/logs.yml: entities.events.path: a document-store entity's path is a collection name, such "
                        + "as user_activities, got '$events'",
                "sources/logs.yml: entities.events.incremental: a document-store entity is read by its timestamp "
                        + "field: incremental: {field: /timestamp}",
                "sources/logs.yml: entities.errors.incremental.param: a document-store reader queries the "
                        + "collection by the field itself; name only the field",
                "sources/api.yml: entities.products.incremental.lookback: only a document-store source reads again "
                        + "behind its watermark",
                "sources/store.yml: embedded: a document-store source reads the platform's own store (embedded: "
                        + "document-store) or a base-url mongodb://host:port");
        assertThat(catalogue.get("logs").entities().get("activities").incremental().lookback())
                .isEqualTo(java.time.Duration.ofMinutes(10));
    }

    @Test
    void aCdcSourceReadsPostgresTablesNamedSchemaDotTableAsRawChanges() throws IOException {
        source("shop-db.yml", """
                source: shop-db
                kind: cdc
                embedded: kafka
                entities:
                  orders: {path: oltp.orders, target: raw, id: /change_id}
                  customers: {path: "public.Customers; drop table x", target: raw}
                  products: {path: oltp.products, target: product}
                """);

        SourceCatalogue catalogue = new SourceDefinitionLoader(problems).load("file:" + dir);

        assertThat(problems.all()).containsExactlyInAnyOrder(
                "sources/shop-db.yml: embedded: a cdc source reads PostgreSQL: embedded: postgres (the platform's "
                        + "own) or a base-url jdbc:postgresql://host:port/database",
                "sources/shop-db.yml: entities.customers.path: a cdc entity's path is a table as schema.table in "
                        + "lower case, such as oltp.orders, got 'public.Customers; drop table x'",
                "sources/shop-db.yml: entities.products.target: a cdc entity's records are row changes, landed as "
                        + "target: raw");
        assertThat(catalogue.get("shop-db").kind()).isEqualTo("cdc");
    }

    private void source(String name, String yaml) throws IOException {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("sources").resolve(name), yaml);
    }
}
