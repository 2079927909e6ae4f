package io.spotifyinsights.spotify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** @param id null for the artist of a local file */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Artist(String id, String name) {
}
