package io.spotifyinsights.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

class ActuatorTests extends PipelineIntegrationTest {

    @Test
    void healthIsPublicAndNamesItsComponents() {
        HttpResponse<String> response = get("/actuator/health", false);

        assertThat(response.body()).contains("\"lake\"", "\"warehouse\"", "\"freshness\"", "\"spotify\"");
        assertThat(response.body()).doesNotContain("\"details\"");
    }

    @Test
    void theAdminSeesWhyAComponentIsAsItIs() {
        HttpResponse<String> response = get("/actuator/health", true);

        assertThat(response.body()).contains("\"details\"", "lastSuccessfulRun");
    }

    @Test
    void metricsNeedTheAdminLogin() {
        assertThat(get("/actuator/metrics", false).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", false).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/env", false).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/quartz", false).statusCode()).isEqualTo(401);
    }

    @Test
    void prometheusShowsThePipelinesMeters() {
        SPOTIFY.listener("metrics");
        SPOTIFY.addPlays(TestPlays.generated(29, 5, java.time.Instant.parse("2026-11-18T08:00:00Z")));
        runToEnd();

        HttpResponse<String> response = get("/actuator/prometheus", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("insights_plays_ingested_total", "insights_runs_total{",
                "outcome=\"completed\"", "insights_gaps_detected_total", "spring_batch_job");
    }

    @Test
    void envAndConfigpropsShowNoSecret() {
        HttpResponse<String> env = get("/actuator/env", true);
        HttpResponse<String> configprops = get("/actuator/configprops", true);

        assertThat(env.statusCode()).isEqualTo(200);
        assertThat(configprops.statusCode()).isEqualTo(200);
        for (HttpResponse<String> response : java.util.List.of(env, configprops)) {
            assertThat(response.body())
                    .doesNotContain(LoopbackSpotify.CLIENT_SECRET)
                    .doesNotContain(LoopbackSpotify.REFRESH_TOKEN)
                    .doesNotContain(ADMIN_PASSWORD)
                    .contains("******");
        }
        assertThat(env.body()).contains(LoopbackSpotify.CLIENT_ID);
    }

    @Test
    void aSecretPassedOnTheCommandLineIsMaskedInEnv() {
        String original = System.getProperty("sun.java.command");
        System.setProperty("sun.java.command", "spotify-insights.jar --spotify.client-secret=cmdline-secret-9f "
                + "-Dinsights.security.admin-password=cmdline-admin-4q --server.port=8080");
        try {
            HttpResponse<String> env = get("/actuator/env", true);

            assertThat(env.statusCode()).isEqualTo(200);
            assertThat(env.body()).doesNotContain("cmdline-secret-9f").doesNotContain("cmdline-admin-4q")
                    .contains("--spotify.client-secret=******", "--server.port=8080");
        } finally {
            System.setProperty("sun.java.command", original);
        }
    }

    @Test
    void diskSpaceIsThatOfTheDataDirectory() {
        HttpResponse<String> health = get("/actuator/health", true);

        assertThat(health.body()).contains("\"diskSpace\"", "\"path\":\"" + DATA_DIR.toAbsolutePath() + "\"");
    }
}
