package vn.ecomdss.pipeline;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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

    /**
     * The sources whose listings a run transforms: those it includes, and in a full refresh also every source whose
     * activity events refer to the customers of one it includes, since rebuilding those customers gives them new
     * surrogate keys.
     */
    public Set<String> transformedBy(RunParameters run) {
        Set<String> transformed = new TreeSet<>();
        for (SourceDefinition source : sources.values()) {
            boolean rebuiltCustomers = run.fullRefresh() && source.entities().values().stream()
                    .anyMatch(e -> e.customerSource() != null && run.includes(e.customerSource()));
            if (run.includes(source.name()) || rebuiltCustomers) {
                transformed.add(source.name());
            }
        }
        return transformed;
    }
}
