package vn.ecomdss;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.Test;

/**
 * The packages import only downward: read from the compiled classes by the JDK's jdeps, at the level of the first
 * package under {@code vn.ecomdss} (so {@code extract.http} counts as {@code extract}; the root package, holding
 * the application and its properties, is {@code (root)}).
 */
class PackageLayersTest {

    private static final String ROOT = "vn.ecomdss.";

    /**
     * From the top down. A package imports only packages of the layers below its own; the packages of one layer
     * (the stages) import none of each other, and reach one another only through the seams in {@code pipeline}.
     */
    private static final List<List<String>> LAYERS = List.of(
            List.of("cli"),
            List.of("ops"),
            List.of("api"),
            List.of("definition"),
            List.of("extract", "quality", "transform", "warehouse", "ml", "notify", "report", "simulator", "stream",
                    "monitor"),
            List.of("pipeline"),
            List.of("lake"),
            List.of("embedded"),
            List.of("vn"),
            List.of("(root)"));

    @Test
    void everyPackageImportsOnlyTheLayersBelowItsOwn() {
        Map<String, Set<String>> imports = stageImports(Path.of("target/classes"));
        Map<String, Integer> layerOf = new TreeMap<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            for (String name : LAYERS.get(i)) {
                layerOf.put(name, i);
            }
        }
        assertThat(layerOf.keySet()).as("packages the layer order places").containsAll(imports.keySet());

        List<String> upward = new ArrayList<>();
        imports.forEach((from, targets) -> targets.stream()
                .filter(to -> layerOf.get(to) <= layerOf.get(from))
                .forEach(to -> upward.add(from + " -> " + to)));
        assertThat(upward).as("imports of a package in the same or a higher layer").isEmpty();
    }

    @Test
    void noStagePackageImportsOneThatImportsItBack() {
        Map<String, Set<String>> imports = stageImports(Path.of("target/classes"));
        assertThat(imports).as("jdeps found the stages").containsKeys("cli", "extract", "warehouse", "vn");

        List<String> cycles = new ArrayList<>();
        for (String from : imports.keySet()) {
            for (String to : imports.get(from)) {
                List<String> back = path(imports, to, from, new TreeSet<>());
                if (back != null && from.compareTo(to) < 0) {
                    cycles.add(from + " -> " + String.join(" -> ", back));
                }
            }
        }
        assertThat(cycles).as("package cycles").isEmpty();
    }

    /** A path of imports from {@code from} to {@code to}, or null. */
    private static List<String> path(Map<String, Set<String>> imports, String from, String to, Set<String> seen) {
        if (from.equals(to)) {
            return new ArrayList<>(List.of(to));
        }
        if (!seen.add(from)) {
            return null;
        }
        for (String next : imports.getOrDefault(from, Set.of())) {
            List<String> rest = path(imports, next, to, seen);
            if (rest != null) {
                rest.add(0, from);
                return rest;
            }
        }
        return null;
    }

    private static Map<String, Set<String>> stageImports(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none",
                classes.toString());
        assertThat(code).as("jdeps: %s", err).isZero();
        Map<String, Set<String>> imports = new TreeMap<>();
        for (String line : out.toString().lines().toList()) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 3 && words[1].equals("->") && inProject(words[0]) && inProject(words[2])) {
                String from = stage(words[0]);
                String to = stage(words[2]);
                imports.computeIfAbsent(from, k -> new TreeSet<>());
                if (!from.equals(to)) {
                    imports.get(from).add(to);
                }
            }
        }
        return imports;
    }

    private static boolean inProject(String packageName) {
        return packageName.equals("vn.ecomdss") || packageName.startsWith(ROOT);
    }

    private static String stage(String packageName) {
        if (packageName.equals("vn.ecomdss")) {
            return "(root)";
        }
        String rest = packageName.substring(ROOT.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
