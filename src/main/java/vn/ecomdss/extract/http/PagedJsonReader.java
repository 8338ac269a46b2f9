package vn.ecomdss.extract.http;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import tools.jackson.databind.JsonNode;

import vn.ecomdss.definition.EntityDefinition;
import vn.ecomdss.definition.SourceDefinition;
import vn.ecomdss.extract.FetchedRecord;

/**
 * Reads every entity of a JSON source page by page. Its position (entity, page offset, record within the page)
 * is saved with each chunk, so a restarted step asks again for the page it was in and skips what was written.
 */
public final class PagedJsonReader implements ItemStreamReader<FetchedRecord> {

    private static final String ENTITY = "reader.entity";
    private static final String OFFSET = "reader.offset";
    private static final String POSITION = "reader.position";

    /** What the reader reports as it goes: pages and bytes fetched, retries made. */
    public interface Progress {
        void page(long bytes);

        void retry();
    }

    private final SourceDefinition source;
    private final URI baseUri;
    private final LocalDate logicalDate;
    private final JsonHttpClient client;
    private final Progress progress;
    private final List<EntityDefinition> entities;

    private int entityIndex;
    private int offset;
    private int position;
    private List<JsonNode> page;
    private boolean lastPage;

    public PagedJsonReader(SourceDefinition source, URI baseUri, LocalDate logicalDate, JsonHttpClient client,
                           Progress progress) {
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
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(ENTITY, entityIndex);
        context.putInt(OFFSET, offset);
        context.putInt(POSITION, position);
    }

    @Override
    public FetchedRecord read() {
        while (entityIndex < entities.size()) {
            EntityDefinition entity = entities.get(entityIndex);
            if (page == null) {
                fetch(entity);
            }
            if (position < page.size()) {
                return new FetchedRecord(source.name(), entity.name(), entity.idPointer(), page.get(position++));
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
            uri.append(path.contains("?") ? '&' : '?')
                    .append(paging.limitParam()).append('=').append(paging.pageSize())
                    .append('&').append(paging.offsetParam()).append('=').append(offset);
        }
        return URI.create(uri.toString());
    }
}
