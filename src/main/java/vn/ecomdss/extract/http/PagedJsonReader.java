package vn.ecomdss.extract.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import tools.jackson.databind.JsonNode;

import vn.ecomdss.extract.PagedEntityReader;
import vn.ecomdss.extract.SourceProgress;
import vn.ecomdss.pipeline.EntityDefinition;
import vn.ecomdss.pipeline.SourceDefinition;

/**
 * Reads every entity of a JSON source page by page ({@code limit-skip}, {@code offset-limit} or one page), restartable
 * and incremental as {@link PagedEntityReader} says; when the API can filter, the watermark goes in the query.
 */
public final class PagedJsonReader extends PagedEntityReader {

    private final URI baseUri;
    private final LocalDate logicalDate;
    private final JsonHttpClient client;

    /** @param watermarks entity name to the marker of the last change already read (none on a full refresh) */
    public PagedJsonReader(SourceDefinition source, URI baseUri, LocalDate logicalDate, JsonHttpClient client,
                           SourceProgress progress, Map<String, String> watermarks) {
        super(source, progress, watermarks);
        this.baseUri = baseUri;
        this.logicalDate = logicalDate;
        this.client = client;
    }

    @Override
    protected Page fetch(EntityDefinition entity, int offset) {
        SourceDefinition.Paging paging = source.paging();
        URI uri = pageUri(entity, paging, offset);
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
        List<JsonNode> page = new ArrayList<>(items.size());
        items.forEach(page::add);
        boolean last;
        if (paging.style().equals("none")) {
            last = true;
        } else if (paging.totalField() != null && body.has(paging.totalField())) {
            last = offset + page.size() >= body.get(paging.totalField()).asLong();
        } else {
            last = page.size() < paging.pageSize();
        }
        return new Page(page, last);
    }

    private URI pageUri(EntityDefinition entity, SourceDefinition.Paging paging, int offset) {
        String path = entity.path().replace("{logical_date}", logicalDate.toString());
        String base = baseUri.toString().replaceAll("/+$", "");
        StringBuilder uri = new StringBuilder(base).append(path);
        if (!paging.style().equals("none")) {
            uri.append(uri.indexOf("?") >= 0 ? '&' : '?')
                    .append(paging.limitParam()).append('=').append(paging.pageSize())
                    .append('&').append(paging.offsetParam()).append('=').append(offset);
        }
        EntityDefinition.Incremental incremental = entity.incremental();
        String watermark = watermark(entity);
        if (incremental != null && incremental.param() != null && watermark != null) {
            String value = incremental.paramFormat().equals("date") && watermark.length() >= 10
                    ? watermark.substring(0, 10) : watermark;
            uri.append(uri.indexOf("?") >= 0 ? '&' : '?').append(incremental.param()).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return URI.create(uri.toString());
    }
}
