package io.spotifyinsights.play;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One stream of a podcast episode or an audiobook chapter by one listener: a row of the {@code episodes} table,
 * kept apart from music plays. The components mirror episodes.schema.json one to one, as {@link Play}'s mirror
 * schema.json.
 *
 * @param kind {@link #EPISODE} or {@link #AUDIOBOOK_CHAPTER}
 */
public record Episode(
        String listenerId,
        Instant playedAt,
        String kind,
        String showName,
        String episodeName,
        String episodeUri,
        Long msPlayed,
        PlaySource source,
        Instant uploadTimestamp,
        String uniqueId) {

    public static final String EPISODE = "episode";
    public static final String AUDIOBOOK_CHAPTER = "audiobook_chapter";

    private static final long MINUTE = 60_000;

    /**
     * The deterministic key of a stream: the listener, the minute it stopped and its show and episode names. The
     * extended history knows the second, the account data only the minute, and both name the show and the episode
     * alike, so the same stream from both gets one key; a second stream of the same episode ending in the same
     * minute is the same stream.
     */
    public static String uniqueId(String listenerId, Instant playedAt, String showName, String episodeName) {
        long minute = Math.floorDiv(playedAt.toEpochMilli(), MINUTE) * MINUTE;
        return listenerId + "-" + minute + "-" + HexFormat.of().toHexDigits(
                PlayMatcher.hash(normalize(showName) + '\u001f' + normalize(episodeName)));
    }

    private static String normalize(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }
}
