package io.spotifyinsights.lake;

/** The lake could not be reached or refused an operation; the message says what to check. */
public final class LakeAccessException extends RuntimeException {

    public LakeAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
