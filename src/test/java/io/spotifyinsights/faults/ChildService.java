package io.spotifyinsights.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import io.spotifyinsights.LoopbackHttp;

/**
 * The service in a JVM of its own ({@link FaultInjectingService}), so it can be killed the hard way and started again
 * on the same data directory. Its output goes to a log file; it listens on loopback only.
 */
final class ChildService implements AutoCloseable {

    static final String ADMIN_PASSWORD = "fault-suite-admin-password";

    private final Process process;
    private final LoopbackHttp http;

    private ChildService(Process process, int port) {
        this.process = process;
        this.http = new LoopbackHttp(port, ADMIN_PASSWORD);
    }

    static ChildService start(Path dataDir, Map<String, String> settings, Path log) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        // C1 only: a service started again and again for minutes starts faster this way (Spark loads a lot).
        command.add("-XX:TieredStopAtLevel=1");
        // The same module openings Spark needs that this JVM was started with.
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("--add-opens") || argument.startsWith("-Djdk.reflect"))
                .forEach(command::add);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FaultInjectingService.class.getName());
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        command.add("--insights.data-dir=" + dataDir);
        command.add("--insights.schedule.enabled=false");
        command.add("--insights.security.admin-password=" + ADMIN_PASSWORD);
        command.add("--insights.spark.master=local[2]");
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            ChildService child = new ChildService(process, port);
            Awaitility.await("the service to answer on port " + port).atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("The service exited with " + process.exitValue()
                                    + " while starting; see " + log);
                        }
                        return child.send("GET", "/api/status", false).statusCode() == 200;
                    });
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LoopbackHttp http() {
        return http;
    }

    HttpResponse<String> send(String method, String path, boolean asAdmin) {
        return http.send(method, path, asAdmin);
    }

    /** @return its exit code once it has exited by itself (a kill) */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The service did not exit within " + timeout);
        }
        return process.exitValue();
    }

    /** SIGTERM, as a supervisor stops it, then waits. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
