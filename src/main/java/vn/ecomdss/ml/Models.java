package vn.ecomdss.ml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import vn.ecomdss.DssProperties;

/** The model definitions of {@code job-definitions/models/} and the kinds that train them. */
@Component
public class Models {

    private final Map<String, ModelKind> kinds = new LinkedHashMap<>();
    private final DssProperties properties;
    private Map<String, ModelDefinition> definitions;

    public Models(List<ModelKind> kinds, DssProperties properties) {
        for (ModelKind kind : kinds) {
            if (this.kinds.putIfAbsent(kind.kind(), kind) != null) {
                throw new IllegalStateException("Two model kinds are named '" + kind.kind() + "'");
            }
        }
        this.properties = properties;
    }

    /** Read once, when the jobs are validated at start-up. */
    public synchronized Map<String, ModelDefinition> definitions() {
        if (definitions == null) {
            definitions = new ModelDefinitionLoader(kinds).load(properties.definitions());
        }
        return definitions;
    }

    public ModelKind kindOf(ModelDefinition model) {
        return kinds.get(model.kind());
    }
}
