package vn.ecomdss.ml;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import vn.ecomdss.pipeline.DefinitionFile;
import vn.ecomdss.pipeline.DefinitionNode;
import vn.ecomdss.pipeline.DefinitionProblems;

/**
 * Reads {@code job-definitions/models/*.yml} at start-up: an unknown key or kind, a value out of range or a model
 * declared twice refuses the start naming the file and field.
 */
final class ModelDefinitionLoader {

    private static final Set<String> KEYS = Set.of("model", "kind", "description", "promotion", "training", "options");
    private static final Set<String> PROMOTION = Set.of("beat-baselines-by", "beat-baselines-by-points",
            "require-at-least", "beat-baseline");
    private static final Set<String> TRAINING = Set.of("hidden", "epochs", "learning-rate", "batch-size", "seed",
            "horizon-days", "folds", "origin-step-days", "training-days", "min-sale-days");

    private final Map<String, ModelKind> kinds;

    ModelDefinitionLoader(Map<String, ModelKind> kinds) {
        this.kinds = kinds;
    }

    Map<String, ModelDefinition> load(String definitions) {
        DefinitionProblems problems = new DefinitionProblems();
        Map<String, ModelDefinition> models = new LinkedHashMap<>();
        for (DefinitionFile file : DefinitionFile.in(definitions, "models")) {
            ModelDefinition model = read(file, problems);
            if (model != null && models.putIfAbsent(model.name(), model) != null) {
                problems.add(file.name(), "model", "another file already declares the model '" + model.name() + "'");
            }
        }
        problems.throwIfAny();
        return models;
    }

    private ModelDefinition read(DefinitionFile file, DefinitionProblems problems) {
        DefinitionNode root = file.root("expected a mapping with model, kind and training", problems);
        if (root == null) {
            return null;
        }
        root.allowOnly(KEYS);
        String name = root.get("model").requiredText();
        String kind = root.get("kind").known(kinds.keySet().stream().sorted().toList(), null, "model kind");
        ModelDefinition.Promotion promotion = promotion(root.get("promotion"));
        DefinitionNode t = root.get("training");
        t.allowOnly(TRAINING);
        DefinitionNode rate = t.get("learning-rate");
        double learningRate = rate.isAbsent() ? 0.005 : rate.decimal() == null ? 0.005 : rate.decimal().doubleValue();
        if (learningRate <= 0 || learningRate >= 1) {
            rate.problem("a learning rate between 0 and 1, got " + learningRate);
        }
        ModelDefinition.Training training = new ModelDefinition.Training(t.get("hidden").integer(32, 1, 1024),
                t.get("epochs").integer(20, 1, 1000), learningRate, t.get("batch-size").integer(256, 1, 65_536),
                t.get("seed").integer(42, 0, Integer.MAX_VALUE), t.get("horizon-days").integer(14, 1, 90),
                t.get("folds").integer(3, 1, 12), t.get("origin-step-days").integer(7, 1, 90),
                t.get("training-days").integer(365, 28, 3650), t.get("min-sale-days").integer(5, 1, 365));
        if (name == null || kind == null || !kinds.containsKey(kind)) {
            return null;
        }
        return new ModelDefinition(file.name(), name, kind, root.get("description").text(name), promotion, training,
                options(root.get("options"), kinds.get(kind)));
    }

    private static ModelDefinition.Promotion promotion(DefinitionNode promotion) {
        promotion.allowOnly(PROMOTION);
        Double margin = promotion.get("beat-baselines-by").ratioOfAtLeastZero(0.0);
        Double points = promotion.get("beat-baselines-by-points").ratioOfAtLeastZero(0.0);
        Map<String, Double> floors = new TreeMap<>();
        promotion.get("require-at-least").entries().forEach((figure, node) -> {
            BigDecimal floor = node.decimal();
            if (floor == null) {
                node.problem("a number, the least the held-out " + figure + " may be");
            } else {
                floors.put(figure, floor.doubleValue());
            }
        });
        Map<String, Double> margins = new TreeMap<>();
        promotion.get("beat-baseline").entries().forEach((baseline, node) -> {
            BigDecimal relative = node.decimal();
            if (relative == null || relative.signum() < 0) {
                node.problem("a relative margin of at least 0 over baseline " + baseline);
            } else {
                margins.put(baseline, relative.doubleValue());
            }
        });
        return new ModelDefinition.Promotion(margin == null ? 0.0 : margin, points == null ? 0.0 : points, floors,
                margins);
    }

    /** The kind's declared options with the file's values over their defaults. */
    private static Map<String, Double> options(DefinitionNode options, ModelKind kind) {
        Map<String, Double> values = new TreeMap<>(kind.options());
        options.allowOnly(kind.options().keySet());
        options.entries().forEach((option, node) -> {
            BigDecimal value = node.decimal();
            if (value == null) {
                node.problem("a number for option '" + option + "' of kind '" + kind.kind() + "'");
            } else if (values.containsKey(option)) {
                values.put(option, value.doubleValue());
            }
        });
        return Map.copyOf(values);
    }
}
