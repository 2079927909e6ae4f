package io.spotifyinsights.features;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.spotifyinsights.http.ApiCallException;
import io.spotifyinsights.http.JsonApi;
import io.spotifyinsights.spotify.AudioFeatures;
import okhttp3.HttpUrl;

/**
 * ReccoBeats, a free public API (no key) that serves Spotify's audio features by Spotify track id:
 * {@code GET /v1/audio-features?ids=a,b,c}, at most 40 ids a call. It answers one object per track it knows — none
 * for the others — in any order; an object's {@code id} is ReccoBeats' own, the Spotify id is the last path segment
 * of its {@code href}. It has no {@code time_signature}.
 */
final class ReccoBeatsFeatures implements FeaturesProvider {

    static final String NAME = "reccobeats";
    static final int MAX_IDS_PER_CALL = 40;
    private static final Logger log = LoggerFactory.getLogger(ReccoBeatsFeatures.class);
    private static final String TRACK_LINK = "/track/";

    private final JsonApi api;
    private final HttpUrl baseUrl;

    ReccoBeatsFeatures(JsonApi api, HttpUrl baseUrl) {
        this.api = api;
        this.baseUrl = baseUrl;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(List<Item> content) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Item(String id, String href, Double acousticness, Double danceability, Double energy,
            Double instrumentalness, Integer key, Double liveness, Double loudness, Integer mode, Double speechiness,
            Double tempo, Double valence) {

        /** The Spotify track id its link names, or null. */
        String spotifyId() {
            if (href == null) {
                return null;
            }
            int at = href.lastIndexOf(TRACK_LINK);
            String id = at < 0 ? null : href.substring(at + TRACK_LINK.length());
            if (id != null && id.indexOf('?') >= 0) {
                id = id.substring(0, id.indexOf('?'));
            }
            return id == null || id.isEmpty() || id.contains("/") ? null : id;
        }

        AudioFeatures features(String spotifyId) {
            return new AudioFeatures(spotifyId, danceability, energy, key, loudness, mode, speechiness, acousticness,
                    instrumentalness, liveness, valence, tempo, null);
        }
    }

    @Override
    public FeaturesAnswer features(Collection<String> trackIds) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(trackIds));
        if (ids.isEmpty()) {
            return FeaturesAnswer.nothingAsked();
        }
        Map<String, AudioFeatures> byId = new HashMap<>();
        try {
            for (int from = 0; from < ids.size(); from += MAX_IDS_PER_CALL) {
                List<String> batch = ids.subList(from, Math.min(from + MAX_IDS_PER_CALL, ids.size()));
                Set<String> asked = Set.copyOf(batch);
                HttpUrl url = baseUrl.newBuilder().addPathSegments("v1/audio-features")
                        .addQueryParameter("ids", String.join(",", batch)).build();
                Answer answer = api.get(url, Answer.class);
                for (Item item : answer.content() == null ? List.<Item>of() : answer.content()) {
                    String spotifyId = item == null ? null : item.spotifyId();
                    // Only what was asked: an answer about another track is not trusted to be about this one.
                    if (spotifyId != null && asked.contains(spotifyId)) {
                        byId.put(spotifyId, item.features(spotifyId));
                    }
                }
            }
        } catch (ApiCallException e) {
            log.warn("No audio features from ReccoBeats this time ({}); the plays are stored without them",
                    e.getMessage());
            return new FeaturesAnswer(Map.of(), null, false, e.getMessage());
        }
        return new FeaturesAnswer(byId, NAME, false, null);
    }
}
