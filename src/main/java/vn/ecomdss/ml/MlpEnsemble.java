package vn.ecomdss.ml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import ai.djl.engine.Engine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A few {@link MlpRegressor}s of the same recipe fitted by the squared error (or the logistic loss) to the same rows,
 * each from its own seed
 * (the recipe's seed, the next one, ...), whose predictions are averaged: one network's ranking moves with its
 * initial weights, the average's much less. Reproducible as each member is. Its artifact is the members' parameter
 * files one after the other, each after its length; the registry's parameters hold the recipe, the shared scaling
 * and {@code ensemble}, the number of members.
 */
final class MlpEnsemble implements AutoCloseable {

    private final List<MlpRegressor> members;

    private MlpEnsemble(List<MlpRegressor> members) {
        this.members = members;
    }

    /** Fits {@code size} networks of {@code settings} to {@code x} and {@code y}, seeds {@code settings.seed()} on. */
    static MlpEnsemble trainSquared(Engine engine, MlpRegressor.Settings settings, int size, float[][] x, float[] y) {
        return train(engine, settings, size, x, y, false);
    }

    /**
     * Fits {@code size} classifiers of 0/1 targets by the logistic loss ({@link MlpRegressor#trainLogistic}); the
     * ensemble's prediction is their mean probability.
     */
    static MlpEnsemble trainLogistic(Engine engine, MlpRegressor.Settings settings, int size, float[][] x, float[] y) {
        return train(engine, settings, size, x, y, true);
    }

    private static MlpEnsemble train(Engine engine, MlpRegressor.Settings settings, int size, float[][] x, float[] y,
                                     boolean logistic) {
        if (size < 1) {
            throw new IllegalArgumentException("an ensemble needs one network or more, got " + size);
        }
        List<MlpRegressor> members = new ArrayList<>(size);
        try {
            for (int i = 0; i < size; i++) {
                MlpRegressor.Settings member = new MlpRegressor.Settings(settings.hidden(), settings.epochs(),
                        settings.learningRate(), settings.batchSize(), settings.seed() + i);
                members.add(logistic ? MlpRegressor.trainLogistic(engine, member, x, y)
                        : MlpRegressor.trainSquared(engine, member, x, y));
            }
        } catch (RuntimeException e) {
            members.forEach(MlpRegressor::close);
            throw e;
        }
        return new MlpEnsemble(members);
    }

    /** A registered ensemble, from the parameters {@link #describe} wrote and its artifact. */
    static MlpEnsemble load(Engine engine, JsonNode parameters, byte[] artifact) {
        int size = parameters.path("ensemble").asInt(0);
        if (size < 1) {
            throw new IllegalStateException("The model's parameters name no ensemble size: not an ensemble's artifact");
        }
        List<MlpRegressor> members = new ArrayList<>(size);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(artifact))) {
            int stored = in.readInt();
            if (stored != size) {
                throw new IllegalStateException("The model's artifact holds " + stored + " networks, its parameters "
                        + "name " + size);
            }
            for (int i = 0; i < size; i++) {
                byte[] member = new byte[in.readInt()];
                in.readFully(member);
                members.add(MlpRegressor.load(engine, parameters, member));
            }
        } catch (IOException e) {
            members.forEach(MlpRegressor::close);
            throw new IllegalStateException("The model's artifact cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            members.forEach(MlpRegressor::close);
            throw e;
        }
        return new MlpEnsemble(members);
    }

    /** The members' recipe (the first member's seed), scaling and number, into a model's registry parameters. */
    void describe(ObjectNode parameters) {
        members.get(0).describe(parameters);
        parameters.put("ensemble", members.size());
    }

    /** The members' mean prediction for each row of {@code x}. */
    float[] predict(float[][] x) {
        float[] mean = new float[x.length];
        for (MlpRegressor member : members) {
            float[] p = member.predict(x);
            for (int i = 0; i < mean.length; i++) {
                mean[i] += p[i] / members.size();
            }
        }
        return mean;
    }

    int size() {
        return members.size();
    }

    byte[] artifact() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(members.size());
            for (MlpRegressor member : members) {
                byte[] one = member.artifact();
                out.writeInt(one.length);
                out.write(one);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        members.forEach(MlpRegressor::close);
    }
}
