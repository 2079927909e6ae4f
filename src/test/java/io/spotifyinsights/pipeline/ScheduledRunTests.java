package io.spotifyinsights.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Quartz firing the job by itself, on a cron of every two seconds: a service of its own, with its own data directory,
 * Spotify and scheduler, closed after the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ScheduledRunTests {

    static final LoopbackSpotify SPOTIFY;

    static {
        try {
            SPOTIFY = new LoopbackSpotify();
            // Spotify has the plays before the service starts: the schedule may fire at once.
            SPOTIFY.listener("scheduled");
            SPOTIFY.addPlays(PipelineJobFunctionalTests.generatedPlays(31, 6, Instant.parse("2026-11-17T08:00:00Z")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void everyTwoSeconds(DynamicPropertyRegistry registry) throws IOException {
        String dataDir = Files.createTempDirectory("insights-schedule-test").toString();
        registry.add("insights.data-dir", () -> dataDir);
        registry.add("spotify.api-url", SPOTIFY::url);
        registry.add("spotify.accounts-url", SPOTIFY::url);
        registry.add("spotify.client-id", () -> LoopbackSpotify.CLIENT_ID);
        registry.add("spotify.client-secret", () -> LoopbackSpotify.CLIENT_SECRET);
        registry.add("spotify.refresh-token", () -> LoopbackSpotify.REFRESH_TOKEN);
        registry.add("insights.spark.master", () -> "local[2]");
        registry.add("insights.schedule.cron", () -> "*/2 * * * * ?");
        // Quartz keeps schedulers by name per JVM; the other test contexts have the default one.
        registry.add("spring.quartz.scheduler-name", () -> "scheduledRunTests");
    }

    @Autowired
    RunHistory runHistory;

    @AfterAll
    static void stopSpotify() throws IOException {
        SPOTIFY.close();
    }

    @Test
    void quartzRunsTheJobOnceForTheScheduledHour() {
        Instant deadline = Instant.now().plusSeconds(60);
        List<RunView> runs = List.of();
        while (Instant.now().isBefore(deadline)) {
            runs = runHistory.page(0, 50).runs();
            if (runs.stream().anyMatch(run -> "COMPLETED".equals(run.status()))) {
                break;
            }
            PipelineIntegrationTest.sleep(200);
        }

        assertThat(runs).isNotEmpty();
        RunView scheduled = runs.get(runs.size() - 1);
        assertThat(scheduled.trigger()).isEqualTo("schedule");
        assertThat(scheduled.status()).isEqualTo("COMPLETED");
        Instant hour = Instant.parse(scheduled.scheduledHour());
        assertThat(hour).isEqualTo(hour.truncatedTo(ChronoUnit.HOURS));
        assertThat(scheduled.counts().playsLoaded()).isEqualTo(6);
        // Later fires within the same hour find its instance complete and start nothing.
        PipelineIntegrationTest.sleep(4_500);
        assertThat(runHistory.page(0, 50).runs().stream()
                .filter(run -> scheduled.scheduledHour().equals(run.scheduledHour()))).hasSize(1);
    }
}
