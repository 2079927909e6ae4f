package io.spotifyinsights.warehouse;

/** A warehouse operation that failed as a whole; the message says what to fix. Nothing of it was kept. */
public final class WarehouseException extends RuntimeException {

    public WarehouseException(String message, Throwable cause) {
        super(message, cause);
    }

    public WarehouseException(String message) {
        super(message);
    }
}
