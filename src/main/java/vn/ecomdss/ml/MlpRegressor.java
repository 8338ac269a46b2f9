package vn.ecomdss.ml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * A two-layer perceptron in DJL from standardised features to a non-negative target (a day's units for demand, the
 * logarithm of a price for the price model), trained with Adam on the absolute error in shuffled mini-batches. Training is reproducible: the engine's seed
 * draws the initial weights and a {@link Random} of the same seed the batches. Its artifact is DJL's parameter file.
 * {@link #trainLogistic} makes the same network a classifier of 0/1 targets: the logistic loss on its output, read as
 * a probability through the sigmoid (the churn model). {@link #trainSquared} fits the squared error instead, the
 * conditional mean: the customer value model ({@link MlpEnsemble}) learns {@code log(1 + spend / unit)} of a spend that
 * is often zero, where the absolute error's median jumps between zero and a typical spend and ranks customers in a few
 * ties.
 */
final class MlpRegressor implements AutoCloseable {

    /** The hyperparameters and seed, as the model definition and the registry hold them. */
    record Settings(int hidden, int epochs, float learningRate, int batchSize, long seed) {
    }

    /**
     * What the network was fitted on: each feature's mean and spread, and the target's mean (the target is learned in
     * those units, so that demand of every product's scale, or a price's logarithm, trains alike).
     */
    record Scaling(List<Float> mean, List<Float> std, float unit) {

        static Scaling of(float[][] x, float[] y) {
            int n = x[0].length;
            Float[] mean = new Float[n];
            Float[] std = new Float[n];
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double squares = 0;
                for (float[] row : x) {
                    sum += row[j];
                    squares += (double) row[j] * row[j];
                }
                double m = sum / x.length;
                mean[j] = (float) m;
                std[j] = (float) Math.max(1e-6, Math.sqrt(Math.max(0, squares / x.length - m * m)));
            }
            double total = 0;
            for (float v : y) {
                total += v;
            }
            return new Scaling(List.of(mean), List.of(std), (float) Math.max(1e-3, total / y.length));
        }

        float[] scaled(float[][] x) {
            int n = mean.size();
            float[] flat = new float[x.length * n];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < n; j++) {
                    flat[i * n + j] = (x[i][j] - mean.get(j)) / std.get(j);
                }
            }
            return flat;
        }
    }

    private final Model model;
    private final Settings settings;
    private final Scaling scaling;
    private final boolean logistic;
    private final boolean squared;

    private MlpRegressor(Model model, Settings settings, Scaling scaling, boolean logistic, boolean squared) {
        this.model = model;
        this.settings = settings;
        this.scaling = scaling;
        this.logistic = logistic;
        this.squared = squared;
    }

    private static Model newModel(Engine engine, Settings settings) {
        Model model = Model.newInstance("mlp", Device.cpu(), engine.getEngineName());
        model.setBlock(new SequentialBlock()
                .add(Linear.builder().setUnits(settings.hidden()).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(settings.hidden()).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(1).build()));
        return model;
    }

    /**
     * PyTorch's engine records gradients for one training at a time in a process ("A PtGradientCollector is already
     * collecting"), and ml_retrain trains its models in parallel steps: trainings take turns.
     */
    private static final Object ONE_TRAINING_AT_A_TIME = new Object();

    /** Fits a network to features {@code x} and targets {@code y} (zero or more). */
    static MlpRegressor train(Engine engine, Settings settings, float[][] x, float[] y) {
        synchronized (ONE_TRAINING_AT_A_TIME) {
            return fit(engine, settings, x, y, false, false);
        }
    }

    /** Fits a network to features {@code x} and targets {@code y} (zero or more) by the squared error. */
    static MlpRegressor trainSquared(Engine engine, Settings settings, float[][] x, float[] y) {
        synchronized (ONE_TRAINING_AT_A_TIME) {
            return fit(engine, settings, x, y, false, true);
        }
    }

    /** Fits a classifier to features {@code x} and targets {@code y} of 0 or 1, by the logistic loss. */
    static MlpRegressor trainLogistic(Engine engine, Settings settings, float[][] x, float[] y) {
        synchronized (ONE_TRAINING_AT_A_TIME) {
            return fit(engine, settings, x, y, true, false);
        }
    }

    private static MlpRegressor fit(Engine engine, Settings settings, float[][] x, float[] y, boolean logistic,
                                    boolean squared) {
        if (x.length == 0) {
            throw new IllegalArgumentException("no rows to train on");
        }
        Scaling fitted = Scaling.of(x, y);
        Scaling scaling = logistic ? new Scaling(fitted.mean(), fitted.std(), 1f) : fitted;
        int n = x[0].length;
        float[] features = scaling.scaled(x);
        float[] target = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            target[i] = y[i] / scaling.unit();
        }
        engine.setRandomSeed((int) settings.seed());
        Model model = newModel(engine, settings);
        DefaultTrainingConfig config = new DefaultTrainingConfig(logistic
                ? Loss.sigmoidBinaryCrossEntropyLoss() : squared ? Loss.l2Loss() : Loss.l1Loss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(settings.learningRate())).build())
                .optDevices(new Device[] {Device.cpu()});
        Random shuffle = new Random(settings.seed());
        int[] order = new int[y.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(new Shape(1, n));
            int batch = Math.min(settings.batchSize(), y.length);
            float[] xb = new float[batch * n];
            float[] yb = new float[batch];
            for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                for (int i = order.length - 1; i > 0; i--) {
                    int j = shuffle.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
                for (int start = 0; start + batch <= order.length; start += batch) {
                    for (int k = 0; k < batch; k++) {
                        System.arraycopy(features, order[start + k] * n, xb, k * n, n);
                        yb[k] = target[order[start + k]];
                    }
                    try (NDManager step = trainer.getManager().newSubManager();
                         GradientCollector gradients = trainer.newGradientCollector()) {
                        NDArray inputs = step.create(xb, new Shape(batch, n));
                        NDArray labels = step.create(yb, new Shape(batch, 1));
                        NDList predicted = trainer.forward(new NDList(inputs));
                        gradients.backward(trainer.getLoss().evaluate(new NDList(labels), predicted));
                    }
                    trainer.step();
                }
            }
        }
        return new MlpRegressor(model, settings, scaling, logistic, squared);
    }

    /** A network saved by {@link #artifact}, with the settings and scaling it was trained with. */
    static MlpRegressor load(Engine engine, Settings settings, Scaling scaling, byte[] artifact) {
        return load(engine, settings, scaling, artifact, false, false);
    }

    private static MlpRegressor load(Engine engine, Settings settings, Scaling scaling, byte[] artifact,
                                     boolean logistic, boolean squared) {
        Model model = newModel(engine, settings);
        model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, scaling.mean().size()));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(artifact))) {
            model.getBlock().loadParameters(model.getNDManager(), in);
        } catch (IOException | MalformedModelException e) {
            model.close();
            throw new IllegalStateException("The model's artifact cannot be read: " + e.getMessage(), e);
        }
        return new MlpRegressor(model, settings, scaling, logistic, squared);
    }

    /**
     * Writes the network's settings and scaling into a model's registry parameters, which {@link #load(Engine,
     * JsonNode, byte[])} reads back with the artifact.
     */
    void describe(tools.jackson.databind.node.ObjectNode parameters) {
        parameters.put("hidden", settings.hidden()).put("epochs", settings.epochs())
                .put("learning_rate", settings.learningRate()).put("batch_size", settings.batchSize())
                .put("seed", settings.seed());
        tools.jackson.databind.node.ObjectNode node = parameters.putObject("scaling");
        scaling.mean().forEach(node.putArray("mean")::add);
        scaling.std().forEach(node.putArray("std")::add);
        node.put("unit", scaling.unit());
        if (logistic) {
            parameters.put("logistic", true);
        }
        if (squared) {
            parameters.put("squared", true);
        }
    }

    /** The settings a model's registry parameters name (as {@link #describe} wrote them). */
    static Settings settingsOf(tools.jackson.databind.JsonNode parameters) {
        return new Settings(parameters.path("hidden").asInt(), parameters.path("epochs").asInt(),
                (float) parameters.path("learning_rate").asDouble(), parameters.path("batch_size").asInt(),
                parameters.path("seed").asLong());
    }

    /** A registered version's network, from its parameters (see {@link #describe}) and artifact. */
    static MlpRegressor load(Engine engine, tools.jackson.databind.JsonNode parameters, byte[] artifact) {
        tools.jackson.databind.JsonNode node = parameters.path("scaling");
        List<Float> mean = new java.util.ArrayList<>();
        List<Float> std = new java.util.ArrayList<>();
        node.path("mean").forEach(v -> mean.add(v.floatValue()));
        node.path("std").forEach(v -> std.add(v.floatValue()));
        return load(engine, settingsOf(parameters), new Scaling(mean, std, node.path("unit").floatValue()), artifact,
                parameters.path("logistic").asBoolean(false), parameters.path("squared").asBoolean(false));
    }

    Settings settings() {
        return settings;
    }

    Scaling scaling() {
        return scaling;
    }

    /** The target expected for each row of {@code x}, never below zero; a classifier's probability of 1. */
    synchronized float[] predict(float[][] x) {
        if (x.length == 0) {
            return new float[0];
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray inputs = manager.create(scaling.scaled(x), new Shape(x.length, scaling.mean().size()));
            float[] out = model.getBlock().forward(new ParameterStore(manager, false), new NDList(inputs), false)
                    .singletonOrThrow().toFloatArray();
            for (int i = 0; i < out.length; i++) {
                out[i] = logistic ? (float) (1 / (1 + Math.exp(-out[i]))) : Math.max(0, out[i] * scaling.unit());
            }
            return out;
        }
    }

    byte[] artifact() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            model.getBlock().saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        model.close();
    }
}
