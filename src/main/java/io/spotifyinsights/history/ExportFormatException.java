package io.spotifyinsights.history;

/** A file that is not the streaming history it was taken for; the message names the file and the record. */
public class ExportFormatException extends RuntimeException {

    public ExportFormatException(String message) {
        super(message);
    }

    public ExportFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
