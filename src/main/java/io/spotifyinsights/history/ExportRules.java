package io.spotifyinsights.history;

import java.time.Instant;

import io.spotifyinsights.play.Episode;
import io.spotifyinsights.play.Play;
import io.spotifyinsights.play.PlaySource;

/**
 * What counts among an export's records, and the play or episode it becomes: the common rule among listening-history
 * tools — at least 30 s played, not in a private session — both configurable, for music and podcasts alike.
 */
final class ExportRules {

    private static final String TRACK_URI = "spotify:track:";

    private final long minMsPlayed;
    private final boolean includePrivateSessions;

    ExportRules(long minMsPlayed, boolean includePrivateSessions) {
        this.minMsPlayed = minMsPlayed;
        this.includePrivateSessions = includePrivateSessions;
    }

    /** Why the record is neither a play nor an episode, or null when it is one of them ({@link #isSpoken}). */
    LeftOut leftOut(ExportRecord record) {
        if (record.kind() == ExportKind.EXTENDED_VIDEO) {
            return LeftOut.VIDEO;
        }
        if (!isSpoken(record) && (record.trackName() == null
                || (record.kind().extended() && record.trackUri() == null))) {
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

    /** Whether the record is of a podcast episode or an audiobook chapter, kept apart from music plays. */
    static boolean isSpoken(ExportRecord record) {
        return record.kind() == ExportKind.ACCOUNT_PODCAST || record.episodeUri() != null
                || record.episodeName() != null || record.audiobookChapterUri() != null
                || record.audiobookTitle() != null;
    }

    /** The episode a spoken record that counts becomes, in episodes.schema.json's columns. */
    static Episode toEpisode(ExportRecord record, String listenerId, Instant importedAt) {
        boolean episode = record.episodeUri() != null || record.episodeName() != null
                || record.kind() == ExportKind.ACCOUNT_PODCAST;
        String show = episode ? record.showName() : record.audiobookTitle();
        String name = episode ? record.episodeName() : record.audiobookChapterTitle();
        String uri = episode ? record.episodeUri() : record.audiobookChapterUri();
        return new Episode(listenerId, record.endedAt(), episode ? Episode.EPISODE : Episode.AUDIOBOOK_CHAPTER, show,
                name, uri, record.msPlayed(), PlaySource.IMPORT, importedAt,
                Episode.uniqueId(listenerId, record.endedAt(), show, name));
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
