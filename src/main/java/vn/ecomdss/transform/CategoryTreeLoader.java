package vn.ecomdss.transform;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import vn.ecomdss.pipeline.DefinitionFile;
import vn.ecomdss.pipeline.DefinitionNode;
import vn.ecomdss.pipeline.DefinitionProblems;

/**
 * Reads {@code job-definitions/reference/categories.yml} at start-up and refuses, naming the file and the field, a tree node
 * without code or name, a duplicate code, a parent not declared above its child, a mapping to a code the tree does
 * not have, a section for a source no file of {@code sources/} declares, and two names of one section that fold to
 * the same name. Without the file nothing is mapped.
 */
public final class CategoryTreeLoader {

    static final String FILE = "reference/categories.yml";

    private static final Set<String> FILE_KEYS = Set.of("tree", "all-sources", "sources");
    private static final Set<String> NODE_KEYS = Set.of("code", "name", "parent");
    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public CategoryTree load(String definitions) {
        DefinitionFile file = DefinitionFile.in(definitions, "reference").stream().filter(f -> f.name().equals(FILE))
                .findFirst().orElse(null);
        if (file == null) {
            return CategoryTree.empty();
        }
        DefinitionProblems problems = new DefinitionProblems();
        DefinitionNode root = file.root("expected a mapping with tree, all-sources and sources", problems);
        if (root == null) {
            problems.throwIfAny();
            return CategoryTree.empty();
        }
        root.allowOnly(FILE_KEYS);
        Map<String, CategoryTree.Category> tree = tree(root.get("tree"));
        Map<String, String> allSources = names(root.get("all-sources"), tree);
        Map<String, Map<String, String>> bySource = new HashMap<>();
        DefinitionNode sources = root.get("sources");
        if (!sources.isAbsent() && !sources.isMapping()) {
            sources.problem("expected a mapping of source name to its categories");
        }
        Set<String> declared = declaredSources(definitions);
        sources.entries().forEach((source, names) -> {
            if (!declared.contains(source)) {
                names.problem("no file of sources/ declares the source '" + source + "' (declared: "
                        + declared.stream().sorted().toList() + ")");
            }
            bySource.put(source, names(names, tree));
        });
        problems.throwIfAny();
        return new CategoryTree(tree, allSources, bySource);
    }

    private Map<String, CategoryTree.Category> tree(DefinitionNode nodes) {
        Map<String, CategoryTree.Category> tree = new LinkedHashMap<>();
        if (!nodes.isNonEmptyList()) {
            nodes.problem("the tree is a non-empty list of {code, name, parent}");
            return tree;
        }
        for (DefinitionNode node : nodes.items()) {
            if (!node.isMapping()) {
                node.problem("a category is a mapping with code, name and optionally parent");
                continue;
            }
            node.allowOnly(NODE_KEYS);
            String code = node.get("code").requiredText();
            String name = node.get("name").requiredText();
            String parent = node.get("parent").text(null);
            if (code != null && !CODE.matcher(code).matches()) {
                node.get("code").problem("a code is lower-case ASCII words joined by '-', e.g. thoi-trang, got '"
                        + code + "'");
            }
            if (parent != null && !tree.containsKey(parent)) {
                node.get("parent").problem("unknown parent '" + parent + "'; declare a parent above its children");
            }
            if (code != null && name != null && tree.putIfAbsent(code, new CategoryTree.Category(code, name, parent)) != null) {
                node.get("code").problem("duplicate code '" + code + "'");
            }
        }
        return tree;
    }

    /** One section: source category, folded, to the code it maps to. */
    private Map<String, String> names(DefinitionNode section, Map<String, CategoryTree.Category> tree) {
        Map<String, String> names = new HashMap<>();
        if (section.isAbsent()) {
            return names;
        }
        if (!section.isMapping()) {
            section.problem("expected a mapping of source category to category code");
            return names;
        }
        Map<String, String> written = new HashMap<>();
        section.entries().forEach((category, target) -> {
            String code = target.requiredText();
            if (code == null) {
                return;
            }
            if (!tree.containsKey(code)) {
                target.problem("unknown category '" + code + "' (the tree has: " + tree.keySet() + ")");
            }
            String folded = CategoryTree.fold(category);
            String before = written.putIfAbsent(folded, category);
            if (before != null) {
                target.problem("'" + category + "' and '" + before + "' are one name once case, diacritics and "
                        + "punctuation are ignored; keep one");
            }
            names.put(folded, code);
        });
        return names;
    }

    /** The names of the sources, read from {@code sources/*.yml} without assembling them. */
    private static Set<String> declaredSources(String definitions) {
        Set<String> names = new HashSet<>();
        for (DefinitionFile source : DefinitionFile.in(definitions, "sources")) {
            DefinitionNode root = source.root("expected a source definition", new DefinitionProblems());
            if (root != null && root.get("source").text(null) != null) {
                names.add(root.get("source").text(null));
            }
        }
        return names;
    }
}
