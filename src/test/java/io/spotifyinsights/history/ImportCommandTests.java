package io.spotifyinsights.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.spotifyinsights.SpotifyInsightsApplication;
import io.spotifyinsights.lake.LocalLake;
import io.spotifyinsights.play.PlayCsvReader;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.TableSchema;

/** {@code java -jar … import <path>}: the whole service without its web server, on the data directory it uses. */
class ImportCommandTests {

    @TempDir
    Path dataDir;

    @TempDir
    Path downloads;

    @Test
    void importsAZipFromATerminalWithAProgressBarAndSaysWhatItStored() throws Exception {
        List<ExportFiles.Listen> listens = ExportFiles.streams(51, 600, Instant.parse("2019-01-01T00:00:00Z"),
                Instant.parse("2021-01-01T00:00:00Z"));
        long plays = listens.stream().filter(ExportFiles.Listen::isPlay).count();
        Path zip = downloads.resolve("my_spotify_data.zip");
        Files.write(zip, ExportFiles.zip(Map.of("Spotify Extended Streaming History/Streaming_History_Audio_2019-"
                + "2020_0.json", ExportFiles.extended(listens, false, 52))));
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        int exit = ImportCommand.run(SpotifyInsightsApplication.class, new String[] {"import", "--listener=terminal",
                zip.toString(), "--insights.data-dir=" + dataDir, "--insights.spark.master=local[2]",
                "--spring.quartz.scheduler-name=import-command-test"},
                new PrintStream(output, true, StandardCharsets.UTF_8));

        String printed = output.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("[" + "#".repeat(30) + "] 100%", "COMPLETED: %,d plays imported".formatted(plays));
        // What reached the lake, read back from its files: the plays of the zip, each once.
        LocalLake lake = new LocalLake(dataDir.resolve("lake"));
        PlayFields fields = new PlayFields(TableSchema.load());
        long inLake = 0;
        for (String key : lake.list("plays/")) {
            try (var in = new java.io.InputStreamReader(lake.open(key), StandardCharsets.UTF_8)) {
                inLake += new PlayCsvReader(fields).readAll(in, key).size();
            }
        }
        assertThat(inLake).isEqualTo(plays);
        // The export itself is not kept once imported.
        assertThat(dataDir.resolve("imports")).isDirectoryNotContaining(path -> !path.getFileName().toString()
                .equals("incoming"));
        assertThat(zip).exists();
    }

    @Test
    void withoutAPathItSaysHowToUseItAndStartsNothing() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        int exit = ImportCommand.run(SpotifyInsightsApplication.class, new String[] {"import"},
                new PrintStream(output, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(output.toString(StandardCharsets.UTF_8)).startsWith("Usage: java -jar spotify-insights.jar import");
    }
}
