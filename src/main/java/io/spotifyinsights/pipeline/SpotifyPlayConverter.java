package io.spotifyinsights.pipeline;

import java.time.Instant;
import java.util.stream.Collectors;

import io.spotifyinsights.play.Play;
import io.spotifyinsights.play.PlaySource;
import io.spotifyinsights.spotify.Album;
import io.spotifyinsights.spotify.Artist;
import io.spotifyinsights.spotify.AudioFeatures;
import io.spotifyinsights.spotify.PlayContext;
import io.spotifyinsights.spotify.PlayedTrack;
import io.spotifyinsights.spotify.Track;

/** Turns a play as Spotify's recently-played endpoint lists it into a row of {@code plays}. */
final class SpotifyPlayConverter {

    private SpotifyPlayConverter() {
    }

    /**
     * @param features the track's audio features, or {@code null} when Spotify has none or refuses them
     */
    static Play toPlay(String listenerId, PlayedTrack played, AudioFeatures features, Instant fetchedAt) {
        Track track = played.track();
        Album album = track.album();
        PlayContext context = played.context();
        boolean hasFeatures = features != null;
        return new Play(
                track.id(),
                track.name(),
                track.artists().stream().map(Artist::name).collect(Collectors.joining(", ")),
                played.playedAt(),
                track.durationMs(),
                Play.trackDuration(track.durationMs()),
                track.spotifyUrl(),
                fetchedAt,
                Play.uniqueId(listenerId, played.playedAt()),
                hasFeatures ? features.danceability() : null,
                hasFeatures ? features.energy() : null,
                hasFeatures ? features.key() : null,
                hasFeatures ? features.loudness() : null,
                hasFeatures ? features.mode() : null,
                hasFeatures ? features.speechiness() : null,
                hasFeatures ? features.acousticness() : null,
                hasFeatures ? features.instrumentalness() : null,
                hasFeatures ? features.liveness() : null,
                hasFeatures ? features.valence() : null,
                hasFeatures ? features.tempo() : null,
                hasFeatures ? features.timeSignature() : null,
                listenerId,
                track.uri(),
                album == null ? null : album.id(),
                album == null ? null : album.name(),
                track.artists().stream().map(Artist::id).filter(id -> id != null)
                        .collect(Collectors.collectingAndThen(Collectors.joining(","), ids -> ids.isEmpty() ? null : ids)),
                context == null ? null : context.type(),
                context == null ? null : context.uri(),
                null,
                PlaySource.API);
    }
}
