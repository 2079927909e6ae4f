package io.spotifyinsights.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.spotifyinsights.pipeline.LoopbackSpotify;
import io.spotifyinsights.pipeline.LoopbackSpotify.FakePlay;
import io.spotifyinsights.pipeline.PipelineSteps;
import io.spotifyinsights.pipeline.TestPlays;
import io.spotifyinsights.play.Play;

/**
 * Hostile weather for the whole service, in a JVM of its own: runs one after another, each with a fault drawn from
 * a seeded list — every step × {exception, process kill} before and after its work, and every way Spotify fails —
 * each followed by the recovery a person (or the next start) would do. After every recovery the warehouse holds
 * exactly the plays Spotify served, once each; at the end the top ten equals one counted here.
 *
 * <p>{@code ./mvnw verify} runs {@value #DEFAULT_RUNS} runs (every scenario at least once, then random ones); the
 * {@code soak} profile runs more ({@code -Dsoak.runs}). The seed ({@code -Dsoak.seed}) replays a failure exactly.
 */
class FaultSoakTests {

    static final int DEFAULT_RUNS = 50;
    static final String LISTENER = "soak";
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One fault: a step fault, a Spotify fault, or none. */
    record Scenario(String step, StepFaults.Kind stepFault, LoopbackSpotify.Fault spotifyFault) {

        static final Scenario NONE = new Scenario(null, null, null);

        String name() {
            if (stepFault != null) {
                return step + " × " + stepFault;
            }
            return spotifyFault != null ? "Spotify " + spotifyFault : "no fault";
        }

        boolean kills() {
            return stepFault != null && stepFault.kills();
        }
    }

    @TempDir
    Path dataDir;

    @Test
    void runAfterRunWithFaultsNoPlayIsLostOrStoredTwiceAndTheTopTenIsRight() throws Exception {
        int runs = Integer.getInteger("soak.runs", DEFAULT_RUNS);
        long seed = Long.getLong("soak.seed", 20261125L);
        Random random = new Random(seed);
        Path logs = Files.createDirectories(Path.of("target", "fault-soak"));
        Path childLog = logs.resolve("service-" + seed + ".log");
        Files.deleteIfExists(childLog);
        List<Scenario> deterministic = everyScenario();
        Map<String, int[]> injected = new TreeMap<>();
        int struck = 0;
        int restarts = 0;
        int kills = 0;
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        try (LoopbackSpotify spotify = new LoopbackSpotify()) {
            spotify.listener(LISTENER);
            Map<String, String> settings = settings(spotify);
            ChildService service = ChildService.start(dataDir, settings, childLog);
            try {
                for (int run = 0; run < runs; run++) {
                    Scenario scenario = run < deterministic.size() ? deterministic.get(run)
                            : randomScenario(random, deterministic);
                    List<FakePlay> newPlays = new ArrayList<>();
                    // A step fault needs a run that reaches its step: one with new plays.
                    int count = (scenario.stepFault() != null ? 1 : 0) + random.nextInt(5);
                    for (int i = 0; i < count; i++) {
                        at = at.plusSeconds(60 + random.nextInt(600)).plusMillis(random.nextInt(1000));
                        int track = Math.min(random.nextInt(8) + random.nextInt(12), 17);
                        newPlays.add(new FakePlay("soak" + track, "Soak track " + track,
                                List.of("Artist " + track % 4), at));
                    }
                    spotify.addPlays(newPlays);
                    arm(scenario, spotify);
                    injected.computeIfAbsent(scenario.name(), name -> new int[2])[0]++;

                    long id = started(service.send("POST", "/api/runs", true), scenario);
                    String status;
                    if (scenario.kills()) {
                        assertThat(service.awaitExit(Duration.ofSeconds(120))).as("killed in " + scenario.name())
                                .isEqualTo(StepFaults.KILLED);
                        kills++;
                        service = ChildService.start(dataDir, settings, childLog);
                        status = run(service, id).path("status").asString();
                        assertThat(status).as("after a kill the next start marks the run FAILED").isEqualTo("FAILED");
                    } else {
                        status = awaitEnd(service, id).path("status").asString();
                    }
                    if (!status.equals("COMPLETED")) {
                        struck++;
                        injected.get(scenario.name())[1]++;
                        spotify.clearFaults();
                        long restart = started(service.send("POST", "/api/runs/" + id + "/restart", true), scenario);
                        restarts++;
                        assertThat(awaitEnd(service, restart).path("status").asString())
                                .as("run %d (%s) restarted", run, scenario.name()).isEqualTo("COMPLETED");
                    }
                    spotify.clearFaults();
                    assertStoredEqualsServed(service, spotify, "after run " + run + " (" + scenario.name() + ")");
                }
                // A last run with nothing wrong: the top ten is of every play.
                assertThat(awaitEnd(service, started(service.send("POST", "/api/runs", true), Scenario.NONE))
                        .path("status").asString()).isEqualTo("COMPLETED");
                List<String> stored = assertStoredEqualsServed(service, spotify, "at the end");
                assertTopTenIsCountedRight(service, spotify);
                Report report = new Report(runs, seed, injected, struck, restarts, kills,
                        spotify.served(LISTENER).size(), new HashSet<>(stored).size(),
                        stored.size() - new HashSet<>(stored).size());
                Files.writeString(logs.resolve("report-" + runs + "-" + seed + ".md"), report.markdown());
                assertThat(report.lost()).isZero();
                assertThat(report.duplicated()).isZero();
            } finally {
                service.close();
            }
        }
    }

    /** Each step × each step fault, then each Spotify fault. */
    static List<Scenario> everyScenario() {
        List<Scenario> all = new ArrayList<>();
        for (String step : PipelineSteps.IN_ORDER) {
            for (StepFaults.Kind kind : StepFaults.Kind.values()) {
                all.add(new Scenario(step, kind, null));
            }
        }
        for (LoopbackSpotify.Fault fault : LoopbackSpotify.Fault.values()) {
            all.add(new Scenario(null, null, fault));
        }
        return all;
    }

    /** After every scenario once: three in ten runs without a fault, one in ten killed, the rest other faults. */
    private static Scenario randomScenario(Random random, List<Scenario> every) {
        int draw = random.nextInt(10);
        if (draw < 3) {
            return Scenario.NONE;
        }
        List<Scenario> pool = every.stream().filter(scenario -> scenario.kills() == (draw == 3)).toList();
        return pool.get(random.nextInt(pool.size()));
    }

    private void arm(Scenario scenario, LoopbackSpotify spotify) {
        if (scenario.stepFault() != null) {
            StepFaults.arm(dataDir, scenario.step(), scenario.stepFault());
        } else if (scenario.spotifyFault() != null) {
            spotify.inject(scenario.spotifyFault());
        }
    }

    private static long started(java.net.http.HttpResponse<String> response, Scenario scenario) {
        assertThat(response.statusCode()).as("started for " + scenario.name() + ": " + response.body())
                .isEqualTo(202);
        return Long.parseLong(response.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
    }

    private static JsonNode awaitEnd(ChildService service, long id) {
        return Awaitility.await("run " + id + " to end").atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> run(service, id), run -> !Set.of("STARTING", "STARTED", "STOPPING")
                        .contains(run.path("status").asString()));
    }

    private static JsonNode run(ChildService service, long id) {
        return JSON.readTree(service.send("GET", "/api/runs/" + id, false).body());
    }

    /** The warehouse holds exactly the plays Spotify listed, each once. */
    private static List<String> assertStoredEqualsServed(ChildService service, LoopbackSpotify spotify, String when) {
        JsonNode plays = JSON.readTree(service.send("GET", "/api/plays?listener=" + LISTENER + "&limit=10000", false)
                .body());
        List<String> stored = new ArrayList<>();
        plays.forEach(play -> stored.add(play.path("uniqueId").asString()));
        Set<String> served = new HashSet<>();
        spotify.served(LISTENER).forEach(play -> served.add(Play.uniqueId(LISTENER, play.playedAt())));
        assertThat(stored).as("no play stored twice " + when).doesNotHaveDuplicates();
        assertThat(new HashSet<>(stored)).as("stored = served " + when).isEqualTo(served);
        return stored;
    }

    private static void assertTopTenIsCountedRight(ChildService service, LoopbackSpotify spotify) {
        JsonNode topTen = JSON.readTree(service.send("GET", "/api/top-tracks?listener=" + LISTENER, false).body());
        List<TestPlays.Ranked> stored = new ArrayList<>();
        topTen.path("tracks").forEach(track -> stored.add(new TestPlays.Ranked(track.path("rank").asInt(),
                track.path("trackId").asString(), track.path("timesPlayed").asLong(),
                Instant.parse(track.path("lastPlayed").asString()))));
        assertThat(topTen.path("upToDate").asBoolean()).isTrue();
        assertThat(stored).isEqualTo(TestPlays.expectedTopTen(List.copyOf(spotify.served(LISTENER))));
    }

    private static Map<String, String> settings(LoopbackSpotify spotify) {
        return Map.ofEntries(
                Map.entry("spotify.api-url", spotify.url()),
                Map.entry("spotify.accounts-url", spotify.url()),
                Map.entry("spotify.client-id", LoopbackSpotify.CLIENT_ID),
                Map.entry("spotify.client-secret", LoopbackSpotify.CLIENT_SECRET),
                Map.entry("spotify.refresh-token", LoopbackSpotify.REFRESH_TOKEN),
                // Shorter waits than a real deployment's, the same rules: the soak runs in minutes.
                Map.entry("spotify.read-timeout", "500ms"),
                Map.entry("spotify.initial-backoff", "10ms"),
                Map.entry("spotify.max-rate-limit-wait", "5s"),
                Map.entry("spotify.features-refusal-memory", "1ms"),
                Map.entry("insights.pipeline.shutdown-grace", "30s"));
    }

    /** What the soak did, for docs/RELIABILITY.md. */
    record Report(int runs, long seed, Map<String, int[]> injected, int struck, int restarts, int kills, int served,
            int stored, int duplicated) {

        int lost() {
            return served - stored;
        }

        String markdown() {
            StringBuilder out = new StringBuilder();
            out.append("| runs | seed | faults that failed a run | restarts | process kills | plays served | "
                    + "plays stored | lost | duplicated |\n|---|---|---|---|---|---|---|---|---|\n");
            out.append("| %d | %d | %d | %d | %d | %d | %d | %d | %d |\n\n".formatted(runs, seed, struck, restarts,
                    kills, served, stored, lost(), duplicated));
            out.append("| fault | injected | failed the run (then restarted) |\n|---|---|---|\n");
            injected.forEach((name, counts) -> out.append("| %s | %d | %d |\n".formatted(name, counts[0],
                    counts[1])));
            return out.toString();
        }
    }
}
