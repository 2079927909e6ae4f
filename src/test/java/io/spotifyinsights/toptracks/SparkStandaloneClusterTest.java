package io.spotifyinsights.toptracks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.spotifyinsights.lake.LocalLake;
import io.spotifyinsights.play.Play;
import io.spotifyinsights.play.SchemaCsvWriter;
import io.spotifyinsights.play.EpisodeFields;
import io.spotifyinsights.play.TrackFields;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.TableSchema;
import io.spotifyinsights.warehouse.DuckDbWarehouse;
import io.spotifyinsights.warehouse.TopTrack;

/**
 * The top-ten job on a real Spark standalone cluster: a Master and a Worker started as their own processes from the
 * Maven jars, on 127.0.0.1. The executors the Worker launches can't open the service's DuckDB file; they read and
 * write the Parquet hand-off instead.
 */
class SparkStandaloneClusterTest {

    @TempDir
    static Path temp;

    static Process master;
    static Process worker;
    static int masterPort;

    @BeforeAll
    static void startCluster() throws Exception {
        Path sparkHome = sparkHomeOfMavenJars(temp.resolve("spark-home"));
        masterPort = freePort();
        int masterUi = freePort();
        master = start(sparkHome, "master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(masterUi));
        awaitPort(masterPort);
        worker = start(sparkHome, "worker", "org.apache.spark.deploy.worker.Worker",
                "spark://127.0.0.1:" + masterPort, "--host", "127.0.0.1", "--cores", "2", "--memory", "2g",
                "--webui-port", String.valueOf(freePort()), "--work-dir", temp.resolve("work").toString());
        awaitAliveWorker(masterUi);
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        // Worker first (with the executors it launched), then the Master; nothing may outlive the test.
        for (Process process : new Process[] {worker, master}) {
            if (process == null) {
                continue;
            }
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theTopTenJobRunsOnAStandaloneClusterOverTheParquetHandOff() throws IOException {
        PlayFields fields = new PlayFields(TableSchema.load());
        LocalLake lake = new LocalLake(temp.resolve("lake"));
        List<Play> plays = TopTracksJobTest.generated(1_500, 30, new Random(11));
        StringWriter csv = new StringWriter();
        try (var writer = new SchemaCsvWriter<>(fields, csv)) {
            plays.forEach(writer::write);
        }
        lake.put("plays/dt=2026-03-01/run-1.csv", Files.writeString(temp.resolve("plays.csv"), csv.toString()));
        // Only one SparkContext per JVM: the local one other tests share makes way for the cluster's.
        SparkSession.getDefaultSession().foreach(session -> {
            session.stop();
            return null;
        });

        try (DuckDbWarehouse warehouse = new DuckDbWarehouse(temp.resolve("w/insights.duckdb"),
                temp.resolve("w/exchange"), lake, fields, EpisodeFields.packaged(), TrackFields.packaged(), Clock.systemUTC());
                SparkSessionProvider cluster = new SparkSessionProvider(new SparkProperties(
                        "spark://127.0.0.1:" + masterPort, "spotify-insights-cluster-test", 2, false, "127.0.0.1", "",
                        Map.of("spark.executor.memory", "1g", "spark.cores.max", "2",
                                "spark.executor.extraJavaOptions", String.join(" ", jvmModuleFlags()))))) {
            warehouse.load("plays/dt=2026-03-01/run-1.csv");

            long written = new TopTracksJob(cluster, new EmbeddedTopTracksTables(warehouse, Clock.systemUTC())).run();

            assertThat(cluster.get().sparkContext().master()).isEqualTo("spark://127.0.0.1:" + masterPort);
            assertThat(cluster.get().sparkContext().getExecutorMemoryStatus().size())
                    .as("the driver and at least one executor").isGreaterThan(1);
            assertThat(written).isEqualTo(20);
            for (String listener : List.of("ana", "bo")) {
                assertThat(warehouse.topTracks(listener)).extracting(TopTrack::trackId)
                        .isEqualTo(TopTracksJobTest.expectedTopTen(plays, listener));
            }
        }
    }

    /** A Spark home is any folder whose jars/ holds the runtime classpath: here, links to the Maven jars. */
    private static Path sparkHomeOfMavenJars(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(jar) && !Files.exists(jars.resolve(jar.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
        }
        return home;
    }

    private static Process start(Path sparkHome, String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(jvmModuleFlags());
        command.add("-cp");
        command.add(sparkHome.resolve("jars") + "/*");
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARK_SCALA_VERSION", "2.12");
        return builder.start();
    }

    /** The module openings this JVM got from the build (Spark needs them in every JVM it runs in). */
    private static List<String> jvmModuleFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect"))
                .toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("The Spark master did not listen on " + port + " within 60 s; see master.log");
    }

    private static void awaitAliveWorker(int masterUi) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpURLConnection json = (HttpURLConnection) URI.create("http://127.0.0.1:" + masterUi + "/json")
                        .toURL().openConnection();
                String body = new String(json.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (body.contains("\"state\" : \"ALIVE\"") && body.contains("\"aliveworkers\" : 1")) {
                    return;
                }
            } catch (IOException notYet) {
                // The master's UI is not up yet.
            }
            Thread.sleep(300);
        }
        throw new AssertionError("No Spark worker registered with the master within 60 s; see worker.log");
    }
}
