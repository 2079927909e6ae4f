package io.spotifyinsights.play;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlayCsvTest {

    private final PlayFields fields = new PlayFields(TableSchema.load());

    @ParameterizedTest
    @ValueSource(strings = {
            "Hello, Goodbye",
            "She said \"yes\"",
            "\"quoted at both ends\"",
            "line one\nline two",
            "carriage\r\nreturn",
            "💜 Love 🎶",
            "فيروز — نسم علينا الهوى",
            "שלום, עולם",
            "Sigur Rós, Ágætis byrjun",
            " leading and trailing spaces ",
            "semi;colon\ttab",
            ""
    })
    void hostileNamesSurviveAWriteReadRoundTrip(String name) {
        Play play = play("l1", Instant.parse("2026-03-01T12:34:56.789Z"), name);

        List<Play> back = roundTrip(fields, List.of(play));

        assertThat(back).containsExactly(play);
    }

    @Test
    void nullValuesStayNullAndEmptyStringsStayEmpty() {
        Play withEmptyName = play("l1", Instant.parse("2026-03-01T12:00:00Z"), "");

        Play back = roundTrip(fields, List.of(withEmptyName)).get(0);

        assertThat(back.trackName()).isEmpty();
        assertThat(back.danceability()).isNull();
        assertThat(back.contextType()).isNull();
    }

    @Test
    void headerAndColumnOrderComeFromTheSchemaAtRunTime() {
        List<SchemaColumn> reversed = new ArrayList<>(TableSchema.load().columns());
        Collections.reverse(reversed);
        PlayFields reversedFields = new PlayFields(new TableSchema(reversed));
        Play play = play("l1", Instant.parse("2026-03-01T12:00:00Z"), "Song");

        String csv = write(reversedFields, List.of(play));

        String header = csv.substring(0, csv.indexOf("\r\n"));
        assertThat(header).startsWith("\"source\",\"ms_played\",").endsWith(",\"track_id\"");
        assertThat(csv.split("\r\n")[1]).startsWith("\"api\",,");
        assertThat(roundTrip(reversedFields, List.of(play))).containsExactly(play);
    }

    @Test
    void writesTimestampsAsUtcIsoWithMilliseconds() {
        Play play = play("l1", Instant.parse("2026-03-01T12:00:00Z"), "Song");

        String csv = write(fields, List.of(play));

        assertThat(csv).contains("\"2026-03-01T12:00:00.000Z\"");
    }

    @Test
    void refusesAFileWhoseHeaderIsNotTheSchemas() {
        String csv = "\"track_id\",\"track_name\"\r\n\"a\",\"b\"\r\n";

        assertThatThrownBy(() -> new PlayCsvReader(fields).readAll(new StringReader(csv), "plays.csv"))
                .isInstanceOf(PlayCsvFormatException.class)
                .hasMessageContaining("plays.csv: header [track_id, track_name] is not schema.json's columns");
    }

    @Test
    void namesTheLineAndColumnOfABadValue() {
        String csv = write(fields, List.of(play("l1", Instant.parse("2026-03-01T12:00:00Z"), "Song")))
                .replace("\"210000\"", "\"three minutes\"");

        assertThatThrownBy(() -> new PlayCsvReader(fields).readAll(new StringReader(csv), "plays.csv"))
                .isInstanceOf(PlayCsvFormatException.class)
                .hasMessageContaining("plays.csv, line 2: column 'duration_ms' holds 'three minutes'");
    }

    @Test
    void refusesAnEmptyFile() {
        assertThatThrownBy(() -> new PlayCsvReader(fields).readAll(new StringReader(""), "empty.csv"))
                .isInstanceOf(PlayCsvFormatException.class)
                .hasMessageContaining("empty.csv: the file is empty");
    }

    @Test
    void uniqueIdIsTheListenerAndTheEndTimeInMilliseconds() {
        Instant playedAt = Instant.parse("2026-03-01T12:34:56.789Z");

        assertThat(Play.uniqueId("listener", playedAt)).isEqualTo("listener-" + playedAt.toEpochMilli());
        assertThat(Play.uniqueId("listener", playedAt)).isEqualTo(Play.uniqueId("listener", playedAt.plusNanos(1)));
        assertThat(Play.uniqueId("listener", playedAt)).isNotEqualTo(Play.uniqueId("other", playedAt));
    }

    @Test
    void formatsTrackDurationAsMinutesAndSeconds() {
        assertThat(Play.trackDuration(187_000)).isEqualTo("3:07");
        assertThat(Play.trackDuration(59_999)).isEqualTo("0:59");
        assertThat(Play.trackDuration(3_600_000)).isEqualTo("60:00");
    }

    static Play play(String listenerId, Instant playedAt, String name) {
        return new Play("4uLU6hMCjMI75M1A2tKUQC", name, name + ", Second Artist", playedAt, 210_000L, "3:30",
                "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC", Instant.parse("2026-03-01T13:00:00.123Z"),
                Play.uniqueId(listenerId, playedAt), null, null, null, null, null, null, null, null, null, null, null,
                null, listenerId, "spotify:track:4uLU6hMCjMI75M1A2tKUQC", "album1", name + " (album)",
                "artist1,artist2", null, null, null, PlaySource.API);
    }

    private static String write(PlayFields fields, List<Play> plays) {
        StringWriter out = new StringWriter();
        try (var writer = new SchemaCsvWriter<>(fields, out)) {
            plays.forEach(writer::write);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out.toString();
    }

    private static List<Play> roundTrip(PlayFields fields, List<Play> plays) {
        return new PlayCsvReader(fields).readAll(new StringReader(write(fields, plays)), "round-trip.csv");
    }
}
