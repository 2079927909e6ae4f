package io.spotifyinsights.spotify;

/** @param id null for the album of a local file */
public record Album(String id, String name) {
}
