package vn.ecomdss.pipeline;

import java.util.List;

/**
 * What a step reads and writes, as OpenLineage names datasets: a namespace (where the data lives) and a name in it.
 * The lake's collections are {@code <source>/<entity>} in {@link #LAKE}, the warehouse's tables
 * {@code schema.table} in {@link #WAREHOUSE}, a source's listings their paths at its base URL.
 */
public record Lineage(List<Dataset> inputs, List<Dataset> outputs) {

    public static final String LAKE = "mongodb://dss-lake";
    public static final String WAREHOUSE = "postgres://dss-warehouse";
    public static final Lineage NONE = new Lineage(List.of(), List.of());

    public record Dataset(String namespace, String name) {
    }

    public Lineage {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    public static Dataset table(String qualifiedName) {
        return new Dataset(WAREHOUSE, qualifiedName);
    }

    public static Dataset lake(String source, String entity) {
        return new Dataset(LAKE, source + "/" + entity);
    }

    /** The lake collections of every entity of every source that {@code read} accepts. */
    public static List<Dataset> lakeOf(SourceCatalogue sources, java.util.function.Predicate<EntityDefinition> read) {
        return sources.names().stream().map(sources::get).flatMap(source -> source.entities().values().stream()
                .filter(read).map(entity -> lake(source.name(), entity.name()))).toList();
    }
}
