package io.spotifyinsights.history;

import java.time.Instant;

import io.spotifyinsights.play.Play;
import io.spotifyinsights.play.PlaySource;

/**
 * What counts as a play among an export's records, and the play it becomes: the common rule among listening-history
 * tools — at least 30 s played, not in a private session — both configurable.
 */
final class ExportRules {

    private static final String TRACK_URI = "spotify:track:";

    private final long minMsPlayed;
    private final boolean includePrivateSessions;

    ExportRules(long minMsPlayed, boolean includePrivateSessions) {
        this.minMsPlayed = minMsPlayed;
        this.includePrivateSessions = includePrivateSessions;
    }

    /** Why the record is not a play, or null when it is one. */
    LeftOut leftOut(ExportRecord record) {
        if (record.kind() == ExportKind.EXTENDED_VIDEO) {
            return LeftOut.VIDEO;
        }
        if (record.kind() == ExportKind.ACCOUNT_PODCAST || record.episodeUri() != null
                || record.episodeName() != null) {
            return LeftOut.EPISODE;
        }
        if (record.audiobookChapterUri() != null || record.audiobookTitle() != null) {
            return LeftOut.AUDIOBOOK;
        }
        if (record.trackName() == null || (record.kind().extended() && record.trackUri() == null)) {
            return LeftOut.NO_TRACK;
        }
        if (Boolean.TRUE.equals(record.incognito()) && !includePrivateSessions) {
            return LeftOut.PRIVATE_SESSION;
        }
        if (record.msPlayed() < minMsPlayed) {
            return LeftOut.TOO_SHORT;
        }
        return null;
    }

    /** The play a record that counts becomes, in schema.json's columns; what the export doesn't tell stays null. */
    static Play toPlay(ExportRecord record, String listenerId, Instant importedAt) {
        String uri = record.trackUri();
        String trackId = uri != null && uri.startsWith(TRACK_URI) ? uri.substring(TRACK_URI.length()) : null;
        return new Play(trackId, record.trackName(), record.artistName(), record.endedAt(), null, null,
                trackId == null ? null : "https://open.spotify.com/track/" + trackId, importedAt,
                Play.uniqueId(listenerId, record.endedAt()), null, null, null, null, null, null, null, null, null,
                null, null, null, listenerId, record.kind().extended() ? uri : null, null, record.albumName(), null,
                null, null, record.msPlayed(), PlaySource.IMPORT);
    }
}
