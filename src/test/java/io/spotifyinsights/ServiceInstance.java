package io.spotifyinsights;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.spotifyinsights.pipeline.RunHistory;
import io.spotifyinsights.pipeline.RunService;
import io.spotifyinsights.pipeline.RunView;

/**
 * The whole service started in this JVM on a data directory of the test's choosing, and stopped as SIGTERM stops
 * it — so a test can restart it on the same folder and see what survives. Its scheduler is off unless asked for.
 */
public final class ServiceInstance implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "service-instance-admin-password";
    private static final AtomicInteger STARTS = new AtomicInteger();

    private final ConfigurableApplicationContext context;

    private ServiceInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static ServiceInstance start(Path dataDir, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>();
        all.put("insights.data-dir", dataDir.toString());
        all.put("server.port", "0");
        all.put("insights.schedule.enabled", "false");
        all.put("insights.spark.master", "local[2]");
        all.put("insights.security.admin-password", ADMIN_PASSWORD);
        // Quartz keeps schedulers by name per JVM; other test contexts may be alive.
        all.put("spring.quartz.scheduler-name", "service-instance-" + STARTS.incrementAndGet());
        all.putAll(properties);
        // As command-line arguments: they win over application.yml, as a person's settings do.
        String[] arguments = all.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        return new ServiceInstance(new SpringApplicationBuilder(SpotifyInsightsApplication.class).run(arguments));
    }

    /** Starts a run as a person would and waits until it has ended. */
    public RunView runToEnd() {
        return awaitEnd(bean(RunService.class).startManual().getId());
    }

    public RunView awaitEnd(long runId) {
        return Awaitility.await("run " + runId + " to end").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> bean(RunHistory.class).find(runId).orElseThrow(),
                        run -> !java.util.Set.of("STARTING", "STARTED", "STOPPING").contains(run.status()));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public HttpResponse<String> send(String method, String path, boolean asAdmin) {
        return new LoopbackHttp(port(), ADMIN_PASSWORD).send(method, path, asAdmin);
    }

    @Override
    public void close() {
        context.close();
    }
}
