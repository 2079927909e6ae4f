package io.spotifyinsights.play;

import java.util.Arrays;

/** Where a play came from; written to the {@code source} column as its lower-case wire value. */
public enum PlaySource {
    /** Spotify's recently-played endpoint. */
    API("api"),
    /** A privacy export of the listener's streaming history. */
    IMPORT("import");

    private final String wireValue;

    PlaySource(String wireValue) {
        this.wireValue = wireValue;
    }

    public String wireValue() {
        return wireValue;
    }

    public static PlaySource fromWireValue(String value) {
        return Arrays.stream(values())
                .filter(source -> source.wireValue.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "Unknown play source '%s': expected one of api, import".formatted(value)));
    }
}
