package vn.ecomdss.extract.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.JsonNode;

import vn.ecomdss.extract.FetchedRecord;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.extract.SourceReader;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * Reads every entity of a JSON source page by page. Its position (entity, page offset, record within the page)
 * is saved with each chunk, so a restarted step asks again for the page it was in and skips what was written.
 * An incremental entity passes over records whose change marker is not after the entity's watermark (and, when
 * the API can filter, sends the watermark in the query); the highest marker seen becomes the next watermark.
 */
public final class PagedJsonReader implements SourceReader {

    private static final String ENTITY = "reader.entity";
    private static final String OFFSET = "reader.offset";
    private static final String POSITION = "reader.position";
    private static final String MARK = "reader.mark.";

    private final SourceDefinition source;
    private final URI baseUri;
    private final LocalDate logicalDate;
    private final JsonHttpClient client;
    private final SourceProgress progress;
    private final List<EntityDefinition> entities;
    private final Map<String, String> watermarks;
    private final Map<String, String> marks = new HashMap<>();

    private int entityIndex;
    private int offset;
    private int position;
    private List<JsonNode> page;
    private boolean lastPage;

    /** @param watermarks entity name to the marker of the last change already read (none on a full refresh) */
    public PagedJsonReader(SourceDefinition source, URI baseUri, LocalDate logicalDate, JsonHttpClient client,
                           SourceProgress progress, Map<String, String> watermarks) {
        this.watermarks = Map.copyOf(watermarks);
        this.source = source;
        this.baseUri = baseUri;
        this.logicalDate = logicalDate;
        this.client = client;
        this.progress = progress;
        this.entities = List.copyOf(source.entities().values());
    }

    @Override
    public void open(ExecutionContext context) {
        entityIndex = context.getInt(ENTITY, 0);
        offset = context.getInt(OFFSET, 0);
        position = context.getInt(POSITION, 0);
        page = null;
        marks.clear();
        for (EntityDefinition entity : entities) {
            if (context.containsKey(MARK + entity.name())) {
                marks.put(entity.name(), context.getString(MARK + entity.name()));
            }
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(ENTITY, entityIndex);
        context.putInt(OFFSET, offset);
        context.putInt(POSITION, position);
        marks.forEach((entity, mark) -> context.putString(MARK + entity, mark));
    }

    /** Entity name to the highest change marker read so far: the watermarks once the step completes. */
    @Override
    public Map<String, String> newWatermarks() {
        return Map.copyOf(marks);
    }

    @Override
    public FetchedRecord read() {
        while (entityIndex < entities.size()) {
            EntityDefinition entity = entities.get(entityIndex);
            if (page == null) {
                fetch(entity);
            }
            if (position < page.size()) {
                JsonNode item = page.get(position++);
                if (entity.incremental() != null && !changed(entity, item)) {
                    progress.unchanged();
                    continue;
                }
                return new FetchedRecord(source.name(), entity.name(), entity.idPointer(), item);
            }
            if (lastPage || page.isEmpty()) {
                entityIndex++;
                offset = 0;
            } else {
                offset += page.size();
            }
            position = 0;
            page = null;
        }
        return null;
    }

    private boolean changed(EntityDefinition entity, JsonNode item) {
        JsonNode marker = item.at(entity.incremental().field());
        if (marker.isMissingNode() || marker.isNull()) {
            return true;
        }
        String value = marker.asString();
        marks.merge(entity.name(), value, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        String watermark = watermarks.get(entity.name());
        return watermark == null || value.compareTo(watermark) > 0;
    }

    private void fetch(EntityDefinition entity) {
        SourceDefinition.Paging paging = source.paging();
        URI uri = pageUri(entity, paging);
        LongConsumer onRetry = attempt -> progress.retry();
        JsonHttpClient.JsonResponse response = client.get(uri, onRetry);
        progress.page(response.bytes());
        JsonNode body = response.body();
        JsonNode items = entity.itemsField() == null ? body : body.get(entity.itemsField());
        if (items == null || !items.isArray()) {
            throw new SourceRequestException("GET " + uri + " (source " + source.name() + ", entity " + entity.name()
                    + "): expected an array" + (entity.itemsField() == null ? "" : " under '" + entity.itemsField() + "'")
                    + ", got " + (items == null ? "nothing" : items.getNodeType()));
        }
        page = new ArrayList<>(items.size());
        items.forEach(page::add);
        if (paging.style().equals("none")) {
            lastPage = true;
        } else if (paging.totalField() != null && body.has(paging.totalField())) {
            lastPage = offset + page.size() >= body.get(paging.totalField()).asLong();
        } else {
            lastPage = page.size() < paging.pageSize();
        }
    }

    private URI pageUri(EntityDefinition entity, SourceDefinition.Paging paging) {
        String path = entity.path().replace("{logical_date}", logicalDate.toString());
        String base = baseUri.toString().replaceAll("/+$", "");
        StringBuilder uri = new StringBuilder(base).append(path);
        if (!paging.style().equals("none")) {
            uri.append(uri.indexOf("?") >= 0 ? '&' : '?')
                    .append(paging.limitParam()).append('=').append(paging.pageSize())
                    .append('&').append(paging.offsetParam()).append('=').append(offset);
        }
        EntityDefinition.Incremental incremental = entity.incremental();
        String watermark = watermarks.get(entity.name());
        if (incremental != null && incremental.param() != null && watermark != null) {
            String value = incremental.paramFormat().equals("date") && watermark.length() >= 10
                    ? watermark.substring(0, 10) : watermark;
            uri.append(uri.indexOf("?") >= 0 ? '&' : '?').append(incremental.param()).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return URI.create(uri.toString());
    }
}
