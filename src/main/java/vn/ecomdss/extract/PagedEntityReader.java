package vn.ecomdss.extract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.JsonNode;

import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * Reads every entity of a source page by page, for the kinds whose APIs page by offset or by a cursor each page
 * returns. Its position (entity, records before the page, record within the page) is saved with each chunk, so a
 * restarted step asks again for the page it was in and skips what was written. An incremental entity passes over
 * records whose change marker is not after the entity's watermark; the highest marker seen becomes the next
 * watermark. A kind says how to fetch one page and, if its markers are not ISO text that sorts as written, how to
 * compare them.
 *
 * <p>Cursors are not kept across executions: a platform's page tokens expire (Sendo's after ten minutes), so a
 * step that fails in the middle of a cursor walk starts that entity's walk again and passes over as many records
 * as the failed execution had committed, counted as unchanged. That count stands only if the listing did not
 * move in between, so two checks guard it: a passed-over record whose change marker is after the highest the
 * failed execution saw has changed since and is read again, and if the last record passed over is not the one
 * the failed execution read last (a record left or joined the listing ahead of it), the walk starts once more
 * and reads everything; the lake stores a payload it already holds only once.
 */
public abstract class PagedEntityReader implements SourceReader {

    private static final Logger log = LoggerFactory.getLogger(PagedEntityReader.class);
    private static final String ENTITY = "reader.entity";
    private static final String OFFSET = "reader.offset";
    private static final String POSITION = "reader.position";
    private static final String BY_CURSOR = "reader.by-cursor";
    private static final String LAST_ID = "reader.last-id";
    private static final String MARK = "reader.mark.";

    /**
     * One page of an entity's listing; {@code last} when no page follows it. {@code next} is the cursor to the
     * following page for a kind that pages by cursor (an empty page with a cursor does not end the walk), null for
     * one that pages by offset.
     */
    public record Page(List<JsonNode> items, boolean last, String next) {
        public Page(List<JsonNode> items, boolean last) {
            this(items, last, null);
        }
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
    /** The cursor of the page being read, or of the next one once it is read; null on a walk's first page. */
    private String cursor;
    private String lastId;
    /**
     * For a restarted cursor walk: records still to pass over, the id the last of them must have, the entity's
     * highest marker when they were read, and how many were passed over so far.
     */
    private int passOver;
    private String passOverLastId;
    private String passOverMark;
    private int passedOver;

    /** @param watermarks entity name to the marker of the last change already read (none on a full refresh) */
    protected PagedEntityReader(SourceDefinition source, SourceProgress progress, Map<String, String> watermarks) {
        this.source = source;
        this.progress = progress;
        this.entities = List.copyOf(source.entities().values());
        this.watermarks = Map.copyOf(watermarks);
    }

    /** The page of {@code entity} that starts at {@code offset}; a kind that pages by cursor is asked only for offset 0. */
    protected abstract Page fetch(EntityDefinition entity, int offset);

    /** The page {@code cursor} (the previous page's {@link Page#next}) leads to, for a kind that pages by cursor. */
    protected Page follow(EntityDefinition entity, String cursor) {
        throw new IllegalStateException(source.name() + ": " + getClass().getSimpleName() + " returned a cursor for "
                + entity.name() + " but follows none");
    }

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
        lastId = context.containsKey(LAST_ID) ? context.getString(LAST_ID) : null;
        page = null;
        cursor = null;
        marks.clear();
        for (EntityDefinition entity : entities) {
            if (context.containsKey(MARK + entity.name())) {
                marks.put(entity.name(), context.getString(MARK + entity.name()));
            }
        }
        passOver = 0;
        if (context.containsKey(BY_CURSOR) && context.getString(BY_CURSOR).equals("true")) {
            passOver = offset + position;
            passOverLastId = lastId;
            passOverMark = entityIndex < entities.size() ? marks.get(entities.get(entityIndex).name()) : null;
            passedOver = 0;
            offset = 0;
            position = 0;
        }
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(ENTITY, entityIndex);
        context.putInt(OFFSET, offset);
        context.putInt(POSITION, position);
        context.putString(BY_CURSOR, Boolean.toString(cursor != null || (page != null && page.next() != null)));
        if (lastId == null) {
            context.remove(LAST_ID);
        } else {
            context.putString(LAST_ID, lastId);
        }
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
                page = cursor == null ? fetch(entity, offset) : follow(entity, cursor);
            }
            if (position < page.items().size()) {
                JsonNode item = page.items().get(position++);
                String id = id(entity, item);
                if (passOver > 0 && passedOver(entity, item, id)) {
                    continue;
                }
                lastId = id;
                if (entity.incremental() != null && !changed(entity, item)) {
                    progress.unchanged();
                    continue;
                }
                return new FetchedRecord(source.name(), entity.name(), entity.idPointer(), item);
            }
            Page done = page;
            page = null;
            position = 0;
            if (done.last() || (done.items().isEmpty() && done.next() == null)) {
                if (passOver > 0) {
                    walkAgain(entity, "it ended " + passOver + " records short");
                    continue;
                }
                entityIndex++;
                offset = 0;
                cursor = null;
            } else {
                offset += done.items().size();
                cursor = done.next();
            }
        }
        return null;
    }

    /**
     * Whether a record of a restarted cursor walk is one the failed execution had already read, so it is passed
     * over (counted as unchanged once the whole count is passed); a record changed since is read again, and when
     * the last record passed over is not the one read last before, the walk starts again passing over nothing.
     */
    private boolean passedOver(EntityDefinition entity, JsonNode item, String id) {
        passOver--;
        if (passOver == 0 && !Objects.equals(id, passOverLastId)) {
            walkAgain(entity, "record " + id + " stands where " + passOverLastId + " stood");
            return true;
        }
        boolean changedSince = false;
        if (passOverMark != null && entity.incremental() != null) {
            JsonNode found = item.at(entity.incremental().field());
            changedSince = !found.isMissingNode() && !found.isNull()
                    && compareMarkers(marker(found.asString()), passOverMark) > 0;
        }
        if (!changedSince) {
            passedOver++;
            lastId = id;
        }
        if (passOver == 0) {
            for (int i = 0; i < passedOver; i++) {
                progress.unchanged();
            }
        }
        return !changedSince;
    }

    private void walkAgain(EntityDefinition entity, String why) {
        log.warn("{}: the {} listing moved since the failed execution ({}); reading the whole walk again, the lake "
                + "keeps each unchanged record once", source.name(), entity.name(), why);
        passOver = 0;
        passedOver = 0;
        offset = 0;
        position = 0;
        page = null;
        cursor = null;
    }

    private static String id(EntityDefinition entity, JsonNode item) {
        JsonNode id = item.at(entity.idPointer());
        return id.isMissingNode() || id.isNull() ? null : id.asString();
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
