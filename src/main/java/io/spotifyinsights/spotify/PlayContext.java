package io.spotifyinsights.spotify;

/** What a play was started from: {@code album}, {@code playlist}, {@code artist} or {@code show}, and its URI. */
public record PlayContext(String type, String uri) {
}
