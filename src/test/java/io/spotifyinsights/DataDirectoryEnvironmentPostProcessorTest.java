package io.spotifyinsights;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DataDirectoryEnvironmentPostProcessorTest {

    @Test
    void aRelativeDataDirectoryBecomesAbsoluteSoTheBatchDatabaseUrlWorks() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "insights.data-dir", "some/relative/data",
                "spring.datasource.url", "jdbc:h2:file:${insights.data-dir}/batch/metadata")));

        new DataDirectoryEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        String expected = Path.of("some/relative/data").toAbsolutePath().normalize().toString();
        assertThat(environment.getProperty("insights.data-dir")).isEqualTo(expected);
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:h2:file:" + expected
                + "/batch/metadata");
    }

    @Test
    void withoutASettingTheDefaultIsDataInTheWorkingDirectory() {
        StandardEnvironment environment = new StandardEnvironment();

        new DataDirectoryEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("insights.data-dir"))
                .isEqualTo(Path.of("data").toAbsolutePath().toString());
    }
}
