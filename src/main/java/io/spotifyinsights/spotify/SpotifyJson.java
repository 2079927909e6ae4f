package io.spotifyinsights.spotify;

import tools.jackson.databind.JsonNode;

/** Reading optional values out of Spotify's JSON, where a field may be missing or null. */
final class SpotifyJson {

    private SpotifyJson() {
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asString();
    }

    static Double decimal(JsonNode node) {
        return node == null || !node.isNumber() ? null : node.asDouble();
    }

    static Integer integer(JsonNode node) {
        return node == null || !node.isNumber() ? null : node.asInt();
    }
}
