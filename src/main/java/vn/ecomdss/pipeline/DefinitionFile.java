package vn.ecomdss.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * One YAML file of {@code job-definitions/}, named as its problems name it: {@code dss-etl.yml},
 * {@code sources/shop.yml}, {@code quality/orders.yml}.
 */
public record DefinitionFile(String name, Resource resource) {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** The {@code *.yml} files of one folder of the definitions ({@code ""} for the top), in the order of their names. */
    public static List<DefinitionFile> in(String location, String folder) {
        String prefix = folder.isEmpty() ? "" : folder + "/";
        String pattern = location + "/" + prefix + "*.yml";
        try {
            return Arrays.stream(new PathMatchingResourcePatternResolver().getResources(pattern))
                    .map(r -> new DefinitionFile(prefix + (r.getFilename() == null ? r.getDescription() : r.getFilename()), r))
                    .sorted(Comparator.comparing(DefinitionFile::name))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list definition files at " + pattern, e);
        }
    }

    /**
     * The mapping at the top of the file, or null once the problem is reported: the file is not YAML, or its top is
     * not a mapping ({@code notAMapping} says what the file should hold).
     */
    public DefinitionNode root(String notAMapping, DefinitionProblems problems) {
        JsonNode root;
        try (InputStream in = resource.getInputStream()) {
            root = YAML.readTree(in);
        } catch (JacksonException e) {
            problems.add(name, "(document)", "not valid YAML: " + e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        if (root == null || !root.isObject()) {
            problems.add(name, "(document)", notAMapping);
            return null;
        }
        return new DefinitionNode(root, name, "", problems);
    }
}
