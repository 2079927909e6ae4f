package io.spotifyinsights.history;

import java.time.Instant;

/**
 * One record of a privacy export, in the fields both formats share; what a format lacks is null.
 *
 * @param index   the record's place in its file, from 0
 * @param endedAt when the stream stopped (UTC); for account data the minute it names plus {@code index-within-
 *                that-minute} milliseconds, so plays ending in the same minute keep apart
 */
public record ExportRecord(ExportKind kind, long index, Instant endedAt, long msPlayed, String trackName,
        String artistName, String albumName, String trackUri, String episodeName, String showName, String episodeUri,
        String audiobookTitle, String audiobookChapterUri, String audiobookChapterTitle, Boolean incognito) {
}
