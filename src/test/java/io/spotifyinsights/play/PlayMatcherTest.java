package io.spotifyinsights.play;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.spotifyinsights.play.PlayMatcher.Outcome;

class PlayMatcherTest {

    private static final String LISTENER = "ada";
    private static final Instant T = Instant.parse("2025-03-01T12:00:30Z");
    private static final Instant EARLIER_IMPORT = Instant.parse("2025-04-01T00:00:00Z");
    private static final Instant THIS_IMPORT = Instant.parse("2025-05-01T00:00:00Z");

    private final PlayMatcher matcher = new PlayMatcher(LISTENER, Duration.ofSeconds(60), THIS_IMPORT);

    @Test
    void anExportRecordWithinTheToleranceOfAnApiPlayOfTheSameTrackIsThatPlay() {
        matcher.add(stored(T, "track1", "Song", "Artist", "spotify:track:track1", null, PlaySource.API, T));

        assertThat(matcher.match(extended(T.plusSeconds(59), "track1", 200_000)))
                .isEqualTo(new PlayMatcher.Match(Outcome.SAME_AS_STORED, key(T)));
    }

    @Test
    void anExportRecordOfAnotherTrackOrBeyondTheToleranceIsANewPlay() {
        matcher.add(stored(T, "track1", "Song", "Artist", "spotify:track:track1", null, PlaySource.API, T));

        assertThat(matcher.match(extended(T.plusSeconds(61), "track1", 200_000)).outcome()).isEqualTo(Outcome.NEW);
        assertThat(matcher.match(extended(T.plusSeconds(5), "track2", 200_000)).outcome()).isEqualTo(Outcome.NEW);
    }

    @Test
    void theSameExportRecordAgainAfterItWasMergedIntoAnApiPlayIsADuplicate() {
        // An earlier import merged the record (ms 200000) into the API's play.
        matcher.add(stored(T, "track1", "Song", "Artist", "spotify:track:track1", 200_000L, PlaySource.API, T));

        assertThat(matcher.match(extended(T.plusSeconds(20), "track1", 200_000)))
                .isEqualTo(new PlayMatcher.Match(Outcome.DUPLICATE, key(T)));
    }

    @Test
    void anAccountDataRowIsTheExtendedPlayOfItsMinuteAndNameAndAddsNothing() {
        matcher.add(stored(T, "track1", "Song", "Artist", "spotify:track:track1", 200_000L, PlaySource.IMPORT,
                EARLIER_IMPORT));

        assertThat(matcher.match(account(Instant.parse("2025-03-01T12:00:00Z"), "song ", "ARTIST", 200_000)))
                .isEqualTo(new PlayMatcher.Match(Outcome.DUPLICATE, key(T)));
    }

    @Test
    void anAccountDataRowBringsItsTimePlayedToAnApiPlayButOnlyOneRowClaimsIt() {
        matcher.add(stored(T, "track1", "Song", "Artist, Guest", "spotify:track:track1", null, PlaySource.API, T));
        Instant minute = Instant.parse("2025-03-01T12:00:00Z");

        assertThat(matcher.match(account(minute, "Song", "Artist", 150_000)))
                .isEqualTo(new PlayMatcher.Match(Outcome.SAME_AS_STORED, key(T)));
        assertThat(matcher.match(account(minute.plusMillis(1), "Song", "Artist", 40_000)).outcome())
                .isEqualTo(Outcome.NEW);
    }

    @Test
    void twoPlaysOfOneTrackNinetySecondsApartEachFindTheirOwnPartner() {
        matcher.add(stored(T, "track1", "Song", "Artist", "spotify:track:track1", null, PlaySource.API, T));
        matcher.add(stored(T.plusSeconds(90), "track1", "Song", "Artist", "spotify:track:track1", null,
                PlaySource.API, T));

        assertThat(matcher.match(extended(T.plusSeconds(80), "track1", 30_000)).uniqueId())
                .isEqualTo(key(T.plusSeconds(90)));
        assertThat(matcher.match(extended(T.plusSeconds(10), "track1", 80_000)).uniqueId()).isEqualTo(key(T));
    }

    @Test
    void playsThisImportStoredTheSameWayAreIgnoredSoAResumedImportDecidesAsBefore() {
        matcher.add(stored(T, "track1", "Song", "Artist", "spotify:track:track1", 200_000L, PlaySource.IMPORT,
                THIS_IMPORT));

        assertThat(matcher.match(extended(T, "track1", 200_000)).outcome()).isEqualTo(Outcome.NEW);
    }

    @Test
    void anApiPlayMatchesAnImportedOneEvenWhenStoredInAnyOrder() {
        matcher.add(stored(T.plusSeconds(3600), "track9", "Other", "Artist", "spotify:track:track9", 90_000L,
                PlaySource.IMPORT, EARLIER_IMPORT));
        matcher.add(stored(T, "track1", "Song", "Artist", "spotify:track:track1", 200_000L, PlaySource.IMPORT,
                EARLIER_IMPORT));

        Play api = extended(T.minusSeconds(30), "track1", 0);
        Play fromApi = new Play(api.trackId(), api.trackName(), api.artists(), api.playedAt(), 200_000L, "3:20", null,
                T, Play.uniqueId(LISTENER, api.playedAt()), null, null, null, null, null, null, null, null, null,
                null, null, null, LISTENER, api.trackUri(), "album", null, null, "playlist", "spotify:playlist:x",
                null, PlaySource.API);
        assertThat(matcher.match(fromApi)).isEqualTo(new PlayMatcher.Match(Outcome.SAME_AS_STORED, key(T)));
    }

    private static String key(Instant time) {
        return Play.uniqueId(LISTENER, time);
    }

    private static StoredPlay stored(Instant playedAt, String trackId, String name, String artists, String uri,
            Long msPlayed, PlaySource source, Instant uploaded) {
        return new StoredPlay(key(playedAt), playedAt, trackId, name, artists, uri, msPlayed, source, uploaded);
    }

    private static Play extended(Instant ts, String trackId, long msPlayed) {
        return new Play(trackId, "Song", "Artist", ts, null, null, null, THIS_IMPORT, Play.uniqueId(LISTENER, ts),
                null, null, null, null, null, null, null, null, null, null, null, null, LISTENER,
                "spotify:track:" + trackId, null, null, null, null, null, msPlayed, PlaySource.IMPORT);
    }

    private static Play account(Instant endTime, String name, String artist, long msPlayed) {
        return new Play(null, name, artist, endTime, null, null, null, THIS_IMPORT, Play.uniqueId(LISTENER, endTime),
                null, null, null, null, null, null, null, null, null, null, null, null, LISTENER, null, null, null,
                null, null, null, msPlayed, PlaySource.IMPORT);
    }
}
