package io.spotifyinsights.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.awaitility.Awaitility;
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
            SPOTIFY.addPlays(TestPlays.generated(31, 6, Instant.parse("2026-11-17T08:00:00Z")));
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

    @Autowired
    RunService runService;

    @AfterAll
    static void stopSpotify() throws IOException {
        SPOTIFY.close();
    }

    @Test
    void quartzRunsTheJobOncePerFireEvenWhenItFiresMoreOftenThanHourly() {
        List<RunView> scheduled = Awaitility.await("three scheduled runs").atMost(Duration.ofSeconds(60))
                .until(() -> runHistory.page(0, 50).runs().stream()
                        .filter(run -> "schedule".equals(run.trigger()) && "COMPLETED".equals(run.status())).toList(),
                        runs -> runs.size() >= 3);

        List<Instant> fireTimes = scheduled.stream().map(run -> Instant.parse(run.scheduledTime())).toList();
        assertThat(fireTimes).doesNotHaveDuplicates()
                .allSatisfy(time -> assertThat(time.getEpochSecond() % 2).as("a fire of */2 * * * * ?").isZero())
                .allSatisfy(time -> assertThat(time.getNano()).isZero());
        assertThat(scheduled.stream().mapToLong(run -> run.counts().playsLoaded() == null ? 0
                : run.counts().playsLoaded()).sum()).as("the six plays, loaded once").isEqualTo(6);

        // A fire that completed never runs again, even when Quartz fires it a second time.
        RunView completed = scheduled.get(scheduled.size() - 1);
        assertThat(runService.runScheduled(Instant.parse(completed.scheduledTime()))).isEmpty();
        assertThat(runHistory.page(0, 200).runs().stream()
                .filter(run -> completed.scheduledTime().equals(run.scheduledTime()))).hasSize(1);
    }
}
