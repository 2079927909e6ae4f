package io.spotifyinsights.lake;

/** A put that would overwrite an object holding other bytes. */
public final class LakeConflictException extends RuntimeException {

    public LakeConflictException(String message) {
        super(message);
    }
}
