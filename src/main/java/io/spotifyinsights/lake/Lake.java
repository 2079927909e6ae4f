package io.spotifyinsights.lake;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the raw play files are kept, as they were fetched: a folder on the embedded default, a Cloud Storage
 * bucket on Google Cloud. Keys are relative paths such as {@code plays/dt=2026-03-01/run-42.csv}. Objects are never
 * expired by the service.
 */
public interface Lake {

    /**
     * Stores a local file under a key. Retry-safe: when an object with the same bytes is already there nothing
     * changes; an object with other bytes is never overwritten.
     *
     * @throws LakeConflictException when the key already holds different bytes
     */
    void put(String key, Path file);

    /** @throws LakeObjectNotFoundException when there is no such object */
    InputStream open(String key);

    boolean exists(String key);

    /** Keys under a prefix, in lexical order. */
    List<String> list(String prefix);

    /** Removes an object; an object already gone is fine. */
    void delete(String key);

    /** Where the object lives, for a warehouse that loads it directly: {@code file:} or {@code gs:} URI. */
    URI uri(String key);

    /** Checks that the lake can be written now; the message says what to fix when it can't. */
    void checkWritable();
}
