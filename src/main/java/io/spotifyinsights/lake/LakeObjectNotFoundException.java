package io.spotifyinsights.lake;

/** A key the lake does not hold. */
public final class LakeObjectNotFoundException extends RuntimeException {

    public LakeObjectNotFoundException(String message) {
        super(message);
    }
}
