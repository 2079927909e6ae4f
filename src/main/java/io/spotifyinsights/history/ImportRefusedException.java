package io.spotifyinsights.history;

/** An import that can't start as asked; the message says what to do. */
public class ImportRefusedException extends RuntimeException {

    public ImportRefusedException(String message) {
        super(message);
    }
}
