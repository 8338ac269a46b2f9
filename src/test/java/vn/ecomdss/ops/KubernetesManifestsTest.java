package vn.ecomdss.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The manifests of {@code ops/k8s} against the application they deploy: every environment variable they set (in the
 * ConfigMap, the example Secret or a container) is a property the application really has, bound the way Spring
 * binds the environment (a list or map element's field must exist on the element); the definitions ConfigMaps and
 * the server's projected volume list exactly the files of {@code job-definitions/}; and the probes' paths answer.
 */
class KubernetesManifestsTest extends OpsTestSupport {

    /** Read by the JVM itself, not by Spring. */
    private static final Set<String> NOT_PROPERTIES = Set.of("JAVA_TOOL_OPTIONS");

    private static final Path K8S = Path.of("ops/k8s");
    private static final Path DEFINITIONS = Path.of("job-definitions");

    private final YAMLMapper yaml = YAMLMapper.builder().build();

    @Test
    void everyVariableTheManifestsSetIsAPropertyOfTheApplication() throws IOException {
        Map<String, String> variables = new TreeMap<>();
        Map<String, String> values = new TreeMap<>();
        for (JsonNode document : documents()) {
            String kind = document.path("kind").asString("");
            String where = kind + " " + document.path("metadata").path("name").asString("");
            if (kind.equals("ConfigMap") && !document.path("metadata").path("name").asString("").contains("definitions")) {
                document.path("data").properties().forEach(e -> {
                    variables.put(e.getKey(), where);
                    values.put(e.getKey(), e.getValue().asString());
                });
            } else if (kind.equals("Secret")) {
                document.path("stringData").properties().forEach(e -> {
                    variables.put(e.getKey(), where);
                    values.put(e.getKey(), e.getValue().asString());
                });
            }
            for (JsonNode container : document.path("spec").path("template").path("spec").path("containers")) {
                container.path("env").forEach(env -> {
                    variables.put(env.path("name").asString(), where);
                    values.put(env.path("name").asString(), env.path("value").asString(""));
                });
            }
        }
        assertThat(variables).containsKeys("DSS_DB_URL", "DSS_MONGODB_URI", "DSS_KAFKA_BOOTSTRAP_SERVERS",
                "DSS_DEFINITIONS", "DSS_SECURITY_TOKENS_0_SHA256", "DSS_SCHEDULER_ENABLED");

        Map<String, String> known = knownProperties();
        List<String> unknown = new ArrayList<>();
        variables.forEach((variable, where) -> {
            if (!NOT_PROPERTIES.contains(variable) && !isProperty(variable, values.get(variable), known)) {
                unknown.add(variable + " (" + where + ")");
            }
        });
        assertThat(unknown).as("variables that bind to no property of the application").isEmpty();
        assertThat(isProperty("DSS_DB_URLS", "x", known)).as("the check itself tells a typo").isFalse();
        assertThat(isProperty("DSS_SECURITY_USERS_0_PASSWORD", "x", known))
                .as("and an element field that is not there").isFalse();
    }

    @Test
    void theDefinitionsConfigMapsAndTheServersVolumeHoldExactlyTheFilesOfJobDefinitions() throws IOException {
        Map<String, Set<String>> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(DEFINITIONS)) {
            paths.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
                    .forEach(p -> {
                        Path relative = DEFINITIONS.relativize(p);
                        String folder = relative.getParent() == null ? "" : relative.getParent().toString();
                        files.computeIfAbsent(configMap(folder), f -> new TreeSet<>()).add(relative.toString());
                    });
        }
        String regenerate = "run ops/k8s/definitions.sh after adding or removing a definition file";

        Map<String, Set<String>> generated = new TreeMap<>();
        JsonNode kustomization = yaml.readTree(DEFINITIONS.resolve("kustomization.yaml").toFile());
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            Set<String> listed = new TreeSet<>();
            generator.path("files").forEach(file -> listed.add(file.asString()));
            generated.put(generator.path("name").asString(), listed);
        }
        assertThat(generated).as(regenerate).isEqualTo(files);

        Map<String, Set<String>> mounted = new TreeMap<>();
        JsonNode patch = yaml.readTree(K8S.resolve("definitions-volume.yaml").toFile());
        for (JsonNode source : patch.path("spec").path("template").path("spec").path("volumes").get(0)
                .path("projected").path("sources")) {
            Set<String> paths = new TreeSet<>();
            for (JsonNode item : source.path("configMap").path("items")) {
                String key = item.path("key").asString();
                assertThat(item.path("path").asString()).as("the item's path ends in its key")
                        .matches(path -> path.equals(key) || path.endsWith("/" + key));
                paths.add(item.path("path").asString());
            }
            mounted.put(source.path("configMap").path("name").asString(), paths);
        }
        assertThat(mounted.keySet()).as(regenerate).isEqualTo(files.keySet());
        mounted.forEach((name, paths) -> assertThat(paths).as(regenerate).isEqualTo(files.get(name)));

        JsonNode base = yaml.readTree(K8S.resolve("kustomization.yaml").toFile());
        base.path("resources").forEach(resource -> assertThat(K8S.resolve(resource.asString())).exists());
        base.path("patches").forEach(p -> assertThat(K8S.resolve(p.path("path").asString())).exists());
    }

    @Test
    void theProbesThePodsUseAnswerWithoutSigningIn() throws IOException {
        List<String> probes = new ArrayList<>();
        for (JsonNode document : documents()) {
            for (JsonNode container : document.path("spec").path("template").path("spec").path("containers")) {
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    probes.add(container.path(probe).path("httpGet").path("path").asString());
                }
            }
        }
        assertThat(probes).isNotEmpty().doesNotContain("");
        for (String path : new TreeSet<>(probes)) {
            Answer answer = get(path, null);
            assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
            assertThat(answer.json().path("status").asString()).isEqualTo("UP");
        }
    }

    private List<JsonNode> documents() throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (Stream<Path> paths = Files.list(K8S)) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try (var values = yaml.readValues(yaml.createParser(file.toFile()), JsonNode.class)) {
                    values.forEachRemaining(documents::add);
                }
            }
        }
        return documents;
    }

    private static String configMap(String folder) {
        return "ecommerce-dss-definitions" + (folder.isEmpty() ? "" : "-" + folder);
    }

    /**
     * Whether Spring binds {@code variable} (set to {@code value}) to a property: the environment source finds it
     * when asked for a property the metadata lists, or binding a list or map property takes it (so its field exists
     * on the element type).
     */
    private static boolean isProperty(String variable, String value, Map<String, String> known) {
        IterableConfigurationPropertySource source = (IterableConfigurationPropertySource) ConfigurationPropertySource
                .from(new SystemEnvironmentPropertySource("systemEnvironment", Map.of(variable, value)));
        List<ConfigurationPropertyName> names = source.stream().toList();
        for (Map.Entry<String, String> property : known.entrySet()) {
            ConfigurationPropertyName knownName = ConfigurationPropertyName.of(property.getKey());
            if (source.getConfigurationProperty(knownName) != null) {
                return true;
            }
            if (names.stream().anyMatch(knownName::isAncestorOf) && binds(source, knownName, property.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** Binds {@code name} as {@code type} from the one variable in {@code source}, and says whether it was used. */
    private static boolean binds(ConfigurationPropertySource source, ConfigurationPropertyName name, String type) {
        Bindable<?> bindable;
        try {
            bindable = bindable(type);
        } catch (ClassNotFoundException e) {
            return false;
        }
        if (bindable == null) {
            return false;
        }
        boolean[] used = {false};
        BindHandler handler = new BindHandler() {
            @Override
            public Object onSuccess(ConfigurationPropertyName bound, Bindable<?> target, BindContext context,
                                    Object result) {
                ConfigurationProperty property = context.getConfigurationProperty();
                used[0] |= property != null;
                return result;
            }
        };
        try {
            new Binder(source).bind(name, bindable, handler);
        } catch (RuntimeException e) {
            return false;
        }
        return used[0];
    }

    private static Bindable<?> bindable(String type) throws ClassNotFoundException {
        ClassLoader loader = KubernetesManifestsTest.class.getClassLoader();
        if (type.startsWith("java.util.List<")) {
            return Bindable.listOf(Class.forName(type.substring(15, type.length() - 1), false, loader));
        }
        if (type.startsWith("java.util.Map<java.lang.String,")) {
            return Bindable.mapOf(String.class, Class.forName(type.substring(31, type.length() - 1), false, loader));
        }
        if (type.contains("<") || type.startsWith("java.")) {
            return null;
        }
        return Bindable.of(Class.forName(type, false, loader));
    }

    /** Every property the metadata on the classpath declares (Spring Boot's and the application's), with its type. */
    private static Map<String, String> knownProperties() throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        JsonMapper json = JsonMapper.builder().build();
        for (URL metadata : Collections.list(KubernetesManifestsTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = metadata.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    properties.put(property.path("name").asString(), property.path("type").asString(""));
                }
            }
        }
        return properties;
    }
}
