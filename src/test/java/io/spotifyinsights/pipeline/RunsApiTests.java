package io.spotifyinsights.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class RunsApiTests extends PipelineIntegrationTest {

    @Test
    void triggeringWithoutTheAdminLoginIsRefused() {
        HttpResponse<String> response = post("/api/runs", false);

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aTriggerAnswers202WithTheRunAndWhereToFollowIt() {
        SPOTIFY.listener("trigger");

        HttpResponse<String> response = post("/api/runs", true);

        assertThat(response.statusCode()).isEqualTo(202);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/api/runs/\\d+");
        long id = Long.parseLong(location.replaceAll(".*/", ""));
        assertThat(response.body()).contains("\"id\":" + id);
        awaitEnd(id);
        HttpResponse<String> run = get(location, false);
        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(run.body()).contains("\"trigger\":\"manual\"", "\"name\":\"fetchRecentPlays\"",
                "\"name\":\"topTracks\"");
    }

    @Test
    void twoTriggersAtTheSameMomentGiveOne202AndOne409() throws Exception {
        SPOTIFY.listener("simultaneous");
        SPOTIFY.hold();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch ready = new CountDownLatch(2);
            Callable<HttpResponse<String>> trigger = () -> {
                ready.countDown();
                ready.await();
                return post("/api/runs", true);
            };
            Future<HttpResponse<String>> first = pool.submit(trigger);
            Future<HttpResponse<String>> second = pool.submit(trigger);
            List<HttpResponse<String>> responses = List.of(first.get(), second.get());

            assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(202, 409);
            HttpResponse<String> accepted = responses.stream().filter(r -> r.statusCode() == 202).findFirst()
                    .orElseThrow();
            HttpResponse<String> conflict = responses.stream().filter(r -> r.statusCode() == 409).findFirst()
                    .orElseThrow();
            String runningId = accepted.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
            assertThat(conflict.body()).contains("Run " + runningId + " is still going", "\"runningId\":" + runningId);
        } finally {
            SPOTIFY.release();
            pool.shutdown();
        }
        runService.runningExecution().ifPresent(running -> awaitEnd(running.getId()));
        assertNoTwoRunsOverlapped();
    }

    @Test
    void aTriggerWhileTheScheduledRunIsGoingIs409() throws Exception {
        SPOTIFY.listener("scheduled-going");
        SPOTIFY.hold();
        ExecutorService scheduler = Executors.newSingleThreadExecutor();
        try {
            Future<?> scheduled = scheduler.submit(
                    () -> runService.runScheduled(Instant.now().truncatedTo(ChronoUnit.HOURS).minus(7, ChronoUnit.DAYS)));
            assertThat(SPOTIFY.awaitRecentlyPlayedAsked(30)).isTrue();
            long scheduledId = runService.runningExecution().orElseThrow().getId();

            HttpResponse<String> response = post("/api/runs", true);

            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(response.body()).contains("Run " + scheduledId + " is still going");
            SPOTIFY.release();
            scheduled.get();
            assertThat(runHistory.find(scheduledId).orElseThrow().trigger()).isEqualTo("schedule");
        } finally {
            SPOTIFY.release();
            scheduler.shutdown();
        }
        assertNoTwoRunsOverlapped();
    }

    @Test
    void runsAreListedNewestFirstAndPaged() {
        SPOTIFY.listener("paging");
        long older = runToEnd().id();
        long newer = runToEnd().id();

        HttpResponse<String> firstPage = get("/api/runs?page=0&size=1", false);
        HttpResponse<String> secondPage = get("/api/runs?page=1&size=1", false);

        assertThat(firstPage.statusCode()).isEqualTo(200);
        assertThat(firstPage.body()).contains("\"id\":" + newer).doesNotContain("\"id\":" + older + ",");
        assertThat(secondPage.body()).contains("\"id\":" + older);
        assertThat(firstPage.body()).contains("\"size\":1", "\"page\":0");
    }

    @Test
    void anUnknownRunIs404WithAProblemDetail() {
        HttpResponse<String> response = get("/api/runs/987654", false);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("There is no run 987654");
    }

    @Test
    void playsRefusesADateItCannotReadAndSaysWhatItExpects() {
        HttpResponse<String> response = get("/api/plays?from=yesterday", false);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("'from' is 'yesterday'", "2026-03-01T12:00:00Z");
    }

    @Test
    void playsRefusesALimitOutOfRange() {
        HttpResponse<String> response = get("/api/plays?limit=0", false);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("limit");
    }

    private void assertNoTwoRunsOverlapped() {
        List<RunView> runs = runHistory.page(0, 200).runs();
        for (RunView a : runs) {
            for (RunView b : runs) {
                if (a.id() < b.id() && a.endedAt() != null && b.startedAt() != null) {
                    assertThat(b.startedAt()).as("run %d started before run %d ended", b.id(), a.id())
                            .isAfterOrEqualTo(a.endedAt());
                }
            }
        }
    }
}
