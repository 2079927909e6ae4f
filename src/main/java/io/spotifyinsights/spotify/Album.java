package io.spotifyinsights.spotify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** @param id null for the album of a local file */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Album(String id, String name) {
}
