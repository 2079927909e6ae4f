package io.spotifyinsights.play;

import java.util.Arrays;

/**
 * Where a play came from; written to the {@code source} column as its lower-case wire value. When several sources
 * know the same play (see {@link PlayMatcher}), the stored play names the first of them in this order.
 */
public enum PlaySource {
    /** Spotify's recently-played endpoint. */
    API("api"),
    /**
     * A privacy export of the listener's streaming history: the extended history (exact time, track URI) or the
     * account data (minute precision, names only — its plays have no {@code track_uri}).
     */
    IMPORT("import"),
    /** The invented history shown before an account is connected; removed when a real one arrives. */
    SAMPLE("sample");

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
                        "Unknown play source '%s': expected one of %s".formatted(value, Arrays.stream(values())
                                .map(PlaySource::wireValue).toList())));
    }
}
