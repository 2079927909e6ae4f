package io.spotifyinsights.spotify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What a play was started from: {@code album}, {@code playlist}, {@code artist} or {@code show}, and its URI. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlayContext(String type, String uri) {
}
