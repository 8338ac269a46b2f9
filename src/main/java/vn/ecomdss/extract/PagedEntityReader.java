package vn.ecomdss.extract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.JsonNode;

import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * Reads every entity of a source page by page, for the kinds whose APIs page by offset. Its position (entity, page
 * offset, record within the page) is saved with each chunk, so a restarted step asks again for the page it was in
 * and skips what was written. An incremental entity passes over records whose change marker is not after the
 * entity's watermark; the highest marker seen becomes the next watermark. A kind says how to fetch one page and,
 * if its markers are not ISO text that sorts as written, how to compare them.
 */
public abstract class PagedEntityReader implements SourceReader {

    private static final String ENTITY = "reader.entity";
    private static final String OFFSET = "reader.offset";
    private static final String POSITION = "reader.position";
    private static final String MARK = "reader.mark.";

    /** One page of an entity's listing; {@code last} when no page follows it. */
    public record Page(List<JsonNode> items, boolean last) {
    }

    protected final SourceDefinition source;
    protected final SourceProgress progress;
    private final List<EntityDefinition> entities;
    private final Map<String, String> watermarks;
    private final Map<String, String> marks = new HashMap<>();

    private int entityIndex;
    private int offset;
    private int position;
    private Page page;

    /** @param watermarks entity name to the marker of the last change already read (none on a full refresh) */
    protected PagedEntityReader(SourceDefinition source, SourceProgress progress, Map<String, String> watermarks) {
        this.source = source;
        this.progress = progress;
        this.entities = List.copyOf(source.entities().values());
        this.watermarks = Map.copyOf(watermarks);
    }

    /** The page of {@code entity} that starts at {@code offset}. */
    protected abstract Page fetch(EntityDefinition entity, int offset);

    /** The entity's watermark as the last completed run left it, or null. */
    protected final String watermark(EntityDefinition entity) {
        return watermarks.get(entity.name());
    }

    /** A change marker as it is compared and stored; text as written unless the kind says otherwise. */
    protected String marker(String text) {
        return text;
    }

    /** Orders two markers; text order, which is time order for ISO-8601 times of one offset. */
    protected int compareMarkers(String a, String b) {
        return a.compareTo(b);
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
                page = fetch(entity, offset);
            }
            if (position < page.items().size()) {
                JsonNode item = page.items().get(position++);
                if (entity.incremental() != null && !changed(entity, item)) {
                    progress.unchanged();
                    continue;
                }
                return new FetchedRecord(source.name(), entity.name(), entity.idPointer(), item);
            }
            if (page.last() || page.items().isEmpty()) {
                entityIndex++;
                offset = 0;
            } else {
                offset += page.items().size();
            }
            position = 0;
            page = null;
        }
        return null;
    }

    private boolean changed(EntityDefinition entity, JsonNode item) {
        JsonNode found = item.at(entity.incremental().field());
        if (found.isMissingNode() || found.isNull()) {
            return true;
        }
        String value = marker(found.asString());
        marks.merge(entity.name(), value, (a, b) -> compareMarkers(a, b) >= 0 ? a : b);
        String watermark = watermark(entity);
        return watermark == null || compareMarkers(value, watermark) > 0;
    }
}
