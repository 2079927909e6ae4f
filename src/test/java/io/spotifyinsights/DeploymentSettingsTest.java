package io.spotifyinsights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docker-compose.yml can't be run here (no Docker engine), so it is checked against the service instead: every
 * variable it hands the service is a setting the service has, and every variable it reads is in .env.example.
 */
class DeploymentSettingsTest {

    /** Read by programs other than Spring: Google's auth library. */
    static final Set<String> READ_BY_OTHERS = Set.of("GOOGLE_APPLICATION_CREDENTIALS");
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    static final Pattern COMPOSE_VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Z][A-Z0-9_]*)");

    @Test
    void everyVariableTheComposeFileGivesTheServiceIsASettingItHas() throws IOException {
        Map<String, Object> services = composeServices();
        Set<String> unknown = new TreeSet<>();
        for (String service : List.of("insights", "spark-master", "spark-worker")) {
            unknown.addAll(unknownSettings(environment(services, service)));
        }

        assertThat(unknown).as("variables docker-compose.yml passes that the service does not read").isEmpty();
    }

    @Test
    void theSparkClusterRunsTheSparkAndScalaVersionsTheServiceIsBuiltWith() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher version = Pattern.compile("<spark.version>([^<]+)</spark.version>").matcher(pom);
        Matcher scala = Pattern.compile("<artifactId>spark-sql_([0-9.]+)</artifactId>").matcher(pom);
        assertThat(version.find()).isTrue();
        assertThat(scala.find()).isTrue();
        String expected = "spark:%s-scala%s-java17".formatted(version.group(1), scala.group(1));

        for (String service : List.of("spark-master", "spark-worker")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> definition = (Map<String, Object>) composeServices().get(service);
            assertThat(String.valueOf(definition.get("image"))).as(service).startsWith(expected);
        }
    }

    @Test
    void aMisspelledSettingIsCaught() throws IOException {
        Set<String> unknown = unknownSettings(Map.of("INSIGHTS_LAKE_BUCKET", "x", "SPOTIFY_CLIENT_ID", "y",
                "INSIGHTS_DB_URL", "z"));

        assertThat(unknown).containsExactly("INSIGHTS_LAKE_BUCKET");
    }

    @Test
    void everyVariableTheComposeFileReadsIsInEnvExample() throws IOException {
        String compose = Files.readString(Path.of("docker-compose.yml"));
        Set<String> documented = new HashSet<>();
        for (String line : Files.readAllLines(Path.of(".env.example"))) {
            if (line.matches("[A-Z][A-Z0-9_]*=.*")) {
                documented.add(line.substring(0, line.indexOf('=')));
            }
        }
        Set<String> read = new TreeSet<>();
        Matcher matcher = COMPOSE_VARIABLE.matcher(compose);
        while (matcher.find()) {
            read.add(matcher.group(1));
        }

        assertThat(read).isNotEmpty();
        assertThat(documented).containsAll(read);
    }

    /** The names among {@code environment} that no setting, placeholder or other program reads. */
    static Set<String> unknownSettings(Map<String, ?> environment) throws IOException {
        Set<String> known = knownSettings();
        Set<String> placeholders = placeholdersInConfiguration();
        Set<String> unknown = new TreeSet<>();
        for (String name : environment.keySet()) {
            if (!READ_BY_OTHERS.contains(name) && !placeholders.contains(name) && !known.contains(normalized(name))) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    /** Every setting Spring Boot and the service document, in relaxed form (INSIGHTS_DATA_DIR ~ insights.data-dir). */
    static Set<String> knownSettings() throws IOException {
        Set<String> known = new HashSet<>();
        JsonMapper json = JsonMapper.builder().build();
        for (URL metadata : Collections.list(DeploymentSettingsTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = metadata.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    known.add(normalized(property.path("name").asString()));
                }
            }
        }
        assertThat(known).as("the service's own settings are in the metadata").contains(normalized("insights.data-dir"));
        return known;
    }

    /** Environment variables the configuration files name directly, e.g. ${INSIGHTS_DB_URL:...}. */
    static Set<String> placeholdersInConfiguration() throws IOException {
        Set<String> names = new HashSet<>();
        try (var files = Files.list(Path.of("src/main/resources"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("application.*\\.ya?ml")).toList()) {
                Matcher matcher = PLACEHOLDER.matcher(Files.readString(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    static String normalized(String name) {
        return name.replaceAll("[._-]", "").toLowerCase(java.util.Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> composeServices() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(in);
            return (Map<String, Object>) compose.get("services");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> services, String service) {
        Map<String, Object> definition = (Map<String, Object>) services.get(service);
        assertThat(definition).as("service %s in docker-compose.yml", service).isNotNull();
        return (Map<String, Object>) definition.getOrDefault("environment", Map.of());
    }
}
