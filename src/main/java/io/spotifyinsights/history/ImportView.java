package io.spotifyinsights.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An import as {@code GET /api/imports/{id}} shows it.
 *
 * @param status       QUEUED (waiting for a run or another import to end), STARTED, COMPLETED, FAILED, STOPPED
 * @param recordsTotal records in the files that are imported, known once they are unpacked and read
 * @param recordsRead  records handled so far: the progress is {@code recordsRead / recordsTotal}
 * @param playsMerged  plays already stored from another source (the API) that the import completed
 * @param duplicates   plays and episodes already stored, or repeated within the upload: not stored again
 * @param leftOut      records that are neither a play nor an episode, by reason ({@link LeftOut})
 * @param episodes     podcast episodes and audiobook chapters stored, apart from music plays
 * @param featuresFilled   tracks the import's features backfill gave audio features to
 * @param featuresProvider who gave them ({@code spotify}, {@code reccobeats}); null when nobody did
 * @param errors       what went wrong, each saying what to do
 */
public record ImportView(String id, String status, String listenerId, Instant startedAt, Instant endedAt,
        List<FileView> files, long recordsTotal, long recordsRead, long playsImported, long playsMerged,
        long duplicates, Map<LeftOut, Long> leftOut, long episodes, long featuresFilled, String featuresProvider,
        List<String> errors) {

    /** One file of the import; {@code error} says why it was refused or skipped. */
    public record FileView(String name, String kind, String status, long records, String error) {
    }
}
