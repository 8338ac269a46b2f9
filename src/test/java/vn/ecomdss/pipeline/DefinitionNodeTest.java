package vn.ecomdss.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;

class DefinitionNodeTest {

    private final DefinitionProblems problems = new DefinitionProblems();

    @Test
    void aFileThatIsNotYamlOrNotAMappingIsReportedAtTheDocument() {
        assertThat(file("a: [1, 2").root("expected a mapping", problems)).isNull();
        assertThat(file("- just\n- a list\n").root("expected a mapping with rules", problems)).isNull();

        assertThat(problems.all()).hasSize(2);
        assertThat(problems.all().get(0)).startsWith("sources/shop.yml: (document): not valid YAML: ");
        assertThat(problems.all().get(1)).isEqualTo("sources/shop.yml: (document): expected a mapping with rules");
    }

    @Test
    void eachReadReportsAtItsFieldPathThroughMappingsAndLists() {
        DefinitionNode root = root("""
                entities:
                  products: {path: /products, colour: red}
                steps:
                  - {name: a}
                  - {name: b, retries: many}
                """);

        root.get("entities").get("products").allowOnly(Set.of("path"));
        root.get("steps").items().get(1).get("retries").integer(3);
        root.get("steps").get(1).get("type").requiredText();

        assertThat(problems.all()).containsExactly(
                "sources/shop.yml: entities.products.colour: unknown key (known: [path])",
                "sources/shop.yml: steps[1].retries: expected a whole number, got 'many'",
                "sources/shop.yml: steps[1].type: required");
    }

    @Test
    void anIntegerIsReadFromANumberOrItsTextAndHeldToItsBounds() {
        DefinitionNode root = root("{a: 5, b: '7', c: 0, d: 12, e: 2.5}");

        assertThat(root.get("a").integer(1, 1, 10)).isEqualTo(5);
        assertThat(root.get("b").integer(1, 1, 10)).isEqualTo(7);
        assertThat(root.get("c").integer(1, 1, Integer.MAX_VALUE)).isEqualTo(1);
        assertThat(root.get("d").integer(1, 1, 10)).isEqualTo(1);
        assertThat(root.get("e").integer(1)).isEqualTo(1);
        assertThat(root.get("missing").integer(9, 1, 10)).isEqualTo(9);

        assertThat(problems.all()).containsExactly(
                "sources/shop.yml: c: at least 1",
                "sources/shop.yml: d: between 1 and 10",
                "sources/shop.yml: e: expected a whole number, got '2.5'");
    }

    @Test
    void aRatioOrADurationOutOfShapeFallsBackAndIsReported() {
        DefinitionNode root = root("{share: 1.5, growth: 3, negative: -0.1, age: two hours, list: [1], ok: PT30M}");

        assertThat(root.get("share").ratio(0.05)).isEqualTo(0.05);
        assertThat(root.get("growth").ratioOfAtLeastZero(null)).isEqualTo(3.0);
        assertThat(root.get("negative").ratioOfAtLeastZero(null)).isNull();
        assertThat(root.get("age").duration(Duration.ofHours(2))).isEqualTo(Duration.ofHours(2));
        assertThat(root.get("list").duration(null)).isNull();
        assertThat(root.get("ok").duration(null)).isEqualTo(Duration.ofMinutes(30));
        assertThat(root.get("absent").ratio(null)).isNull();

        assertThat(problems.all()).containsExactly(
                "sources/shop.yml: share: expected a ratio between 0 and 1, got '1.5'",
                "sources/shop.yml: negative: expected a ratio of at least 0, got '-0.1'",
                "sources/shop.yml: age: expected an ISO-8601 duration such as PT2H, got 'two hours'",
                "sources/shop.yml: list: expected an ISO-8601 duration such as PT2H, got '[1]'");
    }

    @Test
    void textsAreOneTextOrAListAndAMappingIsReportedWithWhatBelongsThere() {
        DefinitionNode root = root("{one: a, many: [a, 2], empty: null, mapping: {a: 1}}");

        assertThat(root.get("one").texts("names")).containsExactly("a");
        assertThat(root.get("many").texts("names")).containsExactly("a", "2");
        assertThat(root.get("empty").texts("names")).isEmpty();
        assertThat(root.get("absent").texts("names")).isEmpty();
        assertThat(root.get("mapping").texts("expected a step name or a list of step names")).isEmpty();

        assertThat(problems.all()).containsExactly(
                "sources/shop.yml: mapping: expected a step name or a list of step names");
    }

    @Test
    void aChoiceOutsideItsValuesIsReportedAndKeptAsWritten() {
        DefinitionNode root = root("{kind: ftp, snapshot: most}");

        assertThat(root.get("kind").known(List.of("http-json", "html"), "http-json", "source kind")).isEqualTo("ftp");
        assertThat(root.get("snapshot").oneOf(List.of("full", "partial"), "partial", "full or partial")).isEqualTo("most");
        assertThat(root.get("absent").oneOf(List.of("full", "partial"), "partial", "full or partial")).isEqualTo("partial");

        assertThat(problems.all()).containsExactly(
                "sources/shop.yml: kind: unknown source kind 'ftp' (known: [http-json, html])",
                "sources/shop.yml: snapshot: expected full or partial, got 'most'");
    }

    @Test
    void aRequiredTextIsAPresentSingleValueThatIsNotBlank() {
        DefinitionNode root = root("{name: shop, blank: ' ', empty: null, list: [a], number: 5}");

        assertThat(root.get("name").requiredText()).isEqualTo("shop");
        assertThat(root.get("number").requiredText()).isEqualTo("5");
        assertThat(root.get("blank").requiredText()).isNull();
        assertThat(root.get("empty").requiredText()).isNull();
        assertThat(root.get("list").requiredText()).isNull();
        assertThat(root.get("absent").requiredText()).isNull();

        assertThat(problems.all()).containsExactly("sources/shop.yml: blank: required", "sources/shop.yml: empty: required",
                "sources/shop.yml: list: required", "sources/shop.yml: absent: required");
    }

    @Test
    void aNumberOfAnyKindIsADecimalAndTextIsNot() {
        DefinitionNode root = root("{min: 0, max: 99.5, low: cheap}");

        assertThat(root.get("min").decimal()).isEqualByComparingTo("0");
        assertThat(root.get("max").decimal()).isEqualByComparingTo("99.5");
        assertThat(root.get("low").decimal()).isNull();
        assertThat(root.get("absent").decimal()).isNull();

        assertThat(problems.all()).containsExactly("sources/shop.yml: low: expected a number, got 'cheap'");
    }

    private DefinitionNode root(String yaml) {
        DefinitionNode root = file(yaml).root("expected a mapping", problems);
        assertThat(root).as("parsed").isNotNull();
        return root;
    }

    private static DefinitionFile file(String yaml) {
        return new DefinitionFile("sources/shop.yml", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
