package io.spotifyinsights.play;

/** A play file that can't be read as a whole; the message names the file, line and column to fix. */
public final class PlayCsvFormatException extends RuntimeException {

    public PlayCsvFormatException(String message) {
        super(message);
    }

    public PlayCsvFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
