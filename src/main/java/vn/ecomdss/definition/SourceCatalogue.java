package vn.ecomdss.definition;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;

/** Every source declared under {@code job-definitions/sources/}, by name. */
public final class SourceCatalogue {

    private final Map<String, SourceDefinition> sources;

    public SourceCatalogue(Map<String, SourceDefinition> sources) {
        this.sources = new TreeMap<>(sources);
    }

    public boolean contains(String name) {
        return sources.containsKey(name);
    }

    public SourceDefinition get(String name) {
        SourceDefinition source = sources.get(name);
        if (source == null) {
            throw new NoSuchElementException("no source '" + name + "' in job-definitions/sources (known: " + names() + ")");
        }
        return source;
    }

    public Set<String> names() {
        return sources.keySet();
    }
}
