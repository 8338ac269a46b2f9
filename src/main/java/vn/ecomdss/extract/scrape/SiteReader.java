package vn.ecomdss.extract.scrape;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import vn.ecomdss.extract.FetchedRecord;
import vn.ecomdss.extract.http.JsonHttpClient;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.SourceReader;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * Reads a site's listing pages one at a time (the client's throttle keeps the polite delay) and returns their
 * items. For each listing path it reads page 1, 2, ... until a page has no item (or does not exist) or
 * {@code max-pages} is reached. A path that robots.txt disallows is skipped with the reason logged. Page 1 of a listing with no item
 * is drift (the site changed its markup): it is reported with the URL and the selector, never taken as a
 * silent zero. Its position (entity, path, page, item) is saved with each chunk so a restart resumes there.
 */
public final class SiteReader implements SourceReader {

    private static final Logger log = LoggerFactory.getLogger(SiteReader.class);
    private static final String ENTITY = "site.entity";
    private static final String PATH = "site.path";
    private static final String PAGE = "site.page";
    private static final String POSITION = "site.position";

    private final SourceDefinition source;
    private final URI baseUri;
    private final JsonHttpClient client;
    private final RobotsRules robots;
    private final ListingPageParser parser;
    private final SourceProgress progress;
    private final List<EntityDefinition> entities;

    private int entityIndex;
    private int pathIndex;
    private int pageNumber;
    private int position;
    private List<ObjectNode> items;

    public SiteReader(SourceDefinition source, URI baseUri, JsonHttpClient client, JsonMapper json, SourceProgress progress) {
        this.source = source;
        this.baseUri = baseUri;
        this.client = client;
        this.robots = new RobotsRules(client, source.userAgent());
        this.parser = new ListingPageParser(json);
        this.progress = progress;
        this.entities = List.copyOf(source.entities().values());
    }

    @Override
    public void open(ExecutionContext context) {
        entityIndex = context.getInt(ENTITY, 0);
        pathIndex = context.getInt(PATH, 0);
        pageNumber = context.getInt(PAGE, 1);
        position = context.getInt(POSITION, 0);
        items = null;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(ENTITY, entityIndex);
        context.putInt(PATH, pathIndex);
        context.putInt(PAGE, pageNumber);
        context.putInt(POSITION, position);
    }

    /** None: a site cannot be asked for what changed, so every run reads every listing page. */
    @Override
    public Map<String, String> newWatermarks() {
        return Map.of();
    }

    @Override
    public FetchedRecord read() {
        while (entityIndex < entities.size()) {
            EntityDefinition entity = entities.get(entityIndex);
            EntityDefinition.Listing listing = entity.listing();
            if (pathIndex >= listing.paths().size()) {
                entityIndex++;
                pathIndex = 0;
                pageNumber = 1;
                continue;
            }
            if (items == null) {
                items = fetch(entity, listing);
            }
            if (position < items.size()) {
                return new FetchedRecord(source.name(), entity.name(), entity.idPointer(), items.get(position++));
            }
            boolean more = !items.isEmpty() && listing.pageParam() != null && pageNumber < listing.maxPages();
            if (more) {
                pageNumber++;
            } else {
                pathIndex++;
                pageNumber = 1;
            }
            position = 0;
            items = null;
        }
        return null;
    }

    private List<ObjectNode> fetch(EntityDefinition entity, EntityDefinition.Listing listing) {
        URI url = pageUri(listing.paths().get(pathIndex), listing, pageNumber);
        if (!robots.allowed(url, attempt -> progress.retry())) {
            log.warn("{}: skipping {}: disallowed by {}/robots.txt for user agent '{}'", source.name(), url,
                    baseUri, robots.userAgent());
            progress.disallowed(url);
            return List.of();
        }
        JsonHttpClient.Page page = client.fetch(url, "text/html", attempt -> progress.retry());
        if (page.status() == 404 && pageNumber > 1) {
            return List.of();
        }
        if (page.status() != 200) {
            throw new PageStructureException("GET " + url + " (source " + source.name() + ", entity " + entity.name()
                    + ") answered " + page.status());
        }
        progress.page(page.body().length);
        Document document = Jsoup.parse(page.text(), url.toString());
        List<ObjectNode> found = new ArrayList<>(parser.items(document, listing));
        if (found.isEmpty() && pageNumber == 1) {
            log.error("{}: page structure drift: {} has no item for {} (entity {})", source.name(), url,
                    listing.selector(), entity.name());
            progress.drift(entity.name(), url, listing.selector());
        }
        return found;
    }

    private URI pageUri(String path, EntityDefinition.Listing listing, int number) {
        String base = baseUri.toString().replaceAll("/+$", "");
        StringBuilder uri = new StringBuilder(base).append(path);
        if (number > 1) {
            uri.append(path.contains("?") ? '&' : '?').append(listing.pageParam()).append('=').append(number);
        }
        return URI.create(uri.toString());
    }
}
