package io.spotifyinsights.history;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.spotifyinsights.play.Episode;
import io.spotifyinsights.play.StoredEpisode;

/**
 * Tells an import step which episodes are new. An episode's key already names the stream whatever export brought it
 * ({@link Episode#uniqueId}), so this only remembers keys: a stream stored before, or met earlier in this step, is a
 * duplicate — unless it was known to the minute only and this one brings the exact time and URI, which the
 * warehouse then merges in.
 *
 * <p>Not thread-safe: one matcher serves one import step.
 */
final class EpisodeMatcher {

    enum Outcome {
        /** Not stored yet. */
        NEW,
        /** Stored from the account data only: store it so the warehouse merges the exact time and URI in. */
        COMPLETES_STORED,
        /** Already stored with what this one knows: nothing to store. */
        DUPLICATE
    }

    private final boolean exactArrivals;
    private final Instant ownUploadTimestamp;
    /** Key to whether the stored (or already matched) stream is exact. */
    private final Map<String, Boolean> exactByKey = new HashMap<>();

    /**
     * @param exactArrivals      whether the step's episodes come from the extended history (exact) or the account
     *                           data (to the minute)
     * @param ownUploadTimestamp the {@code upload_timestamp} of what this import stores: its own rows that arrived
     *                           the same way are ignored, so an import resumed after a crash decides as it did the
     *                           first time
     */
    EpisodeMatcher(boolean exactArrivals, Instant ownUploadTimestamp) {
        this.exactArrivals = exactArrivals;
        this.ownUploadTimestamp = ownUploadTimestamp;
    }

    void add(StoredEpisode stored) {
        if (stored.exact() == exactArrivals && stored.uploadTimestamp() != null
                && stored.uploadTimestamp().toEpochMilli() == ownUploadTimestamp.toEpochMilli()) {
            return;
        }
        exactByKey.merge(stored.uniqueId(), stored.exact(), Boolean::logicalOr);
    }

    Outcome match(Episode incoming) {
        boolean exact = incoming.episodeUri() != null;
        Boolean stored = exactByKey.get(incoming.uniqueId());
        if (stored == null) {
            exactByKey.put(incoming.uniqueId(), exact);
            return Outcome.NEW;
        }
        if (exact && !stored) {
            exactByKey.put(incoming.uniqueId(), true);
            return Outcome.COMPLETES_STORED;
        }
        return Outcome.DUPLICATE;
    }
}
