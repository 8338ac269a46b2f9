package vn.ecomdss.transform;

import java.util.Map;
import java.util.Optional;

import vn.ecomdss.vn.ProvinceDirectory;

/**
 * The Vietnamese category tree of {@code job-definitions/reference/categories.yml} and what each source's categories map to.
 * A source category is matched folded (no case, diacritics or punctuation), first among the source's own names,
 * then among those of every source; a category found in neither has no mapping.
 */
public final class CategoryTree {

    /** One node of the tree; {@code parent} is null at the top. */
    public record Category(String code, String name, String parent) {
    }

    private final Map<String, Category> categories;
    private final Map<String, String> allSources;
    private final Map<String, Map<String, String>> bySource;

    /**
     * @param categories the tree by code
     * @param allSources folded source category to code, for every source
     * @param bySource   per source, folded source category to code
     */
    public CategoryTree(Map<String, Category> categories, Map<String, String> allSources,
                        Map<String, Map<String, String>> bySource) {
        this.categories = Map.copyOf(categories);
        this.allSources = Map.copyOf(allSources);
        this.bySource = Map.copyOf(bySource);
    }

    /** A tree that maps nothing, for transforms that are not given the file. */
    public static CategoryTree empty() {
        return new CategoryTree(Map.of(), Map.of(), Map.of());
    }

    public Optional<Category> map(String source, String category) {
        if (category == null || category.isBlank()) {
            return Optional.empty();
        }
        String folded = fold(category);
        String code = bySource.getOrDefault(source, Map.of()).getOrDefault(folded, allSources.get(folded));
        return code == null ? Optional.empty() : Optional.ofNullable(categories.get(code));
    }

    /** How source categories are compared: {@code Home-Decoration} and {@code home decoration} are one name. */
    static String fold(String category) {
        return ProvinceDirectory.fold(category);
    }
}
