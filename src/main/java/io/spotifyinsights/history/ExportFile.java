package io.spotifyinsights.history;

import java.time.Instant;

/**
 * One file of an import, as the report shows it.
 *
 * @param name    as uploaded, or as named inside the zip ({@code my_spotify_data.zip!Spotify Extended Streaming
 *                History/Streaming_History_Audio_2019_0.json})
 * @param path    where the unpacked file waits, relative to the import's folder; null when nothing is kept
 * @param kind    null for a file that is not a streaming history
 * @param records records the file holds (read once before anything of it is stored)
 * @param error   what is wrong with it and what to do, for a FAILED or SKIPPED file
 */
public record ExportFile(String name, String path, ExportKind kind, Status status, long records, Instant from,
        Instant to, String error) {

    public enum Status {
        /** Read whole and found to be what its name says; imported by the import's steps. */
        READY,
        /** Not a streaming history (the PDF in the zip, a README): nothing to import. */
        SKIPPED,
        /** Refused, with the reason: nothing of it is stored. */
        FAILED
    }

    static ExportFile failed(String name, String error) {
        return new ExportFile(name, null, null, Status.FAILED, 0, null, null, error);
    }

    static ExportFile skipped(String name, String why) {
        return new ExportFile(name, null, null, Status.SKIPPED, 0, null, null, why);
    }
}
