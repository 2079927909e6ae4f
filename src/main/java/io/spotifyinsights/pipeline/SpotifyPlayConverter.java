package io.spotifyinsights.pipeline;

import java.time.Instant;
import java.util.stream.Collectors;

import io.spotifyinsights.play.Play;
import io.spotifyinsights.play.PlaySource;
import io.spotifyinsights.spotify.Album;
import io.spotifyinsights.spotify.Artist;
import io.spotifyinsights.spotify.PlayContext;
import io.spotifyinsights.spotify.PlayedTrack;
import io.spotifyinsights.spotify.Track;

/** Turns a play as Spotify's recently-played endpoint lists it into a row of {@code plays}. */
final class SpotifyPlayConverter {

    private SpotifyPlayConverter() {
    }

    /** The play without audio features: the run's backfill step gives its track theirs, from whichever provider. */
    static Play toPlay(String listenerId, PlayedTrack played, Instant fetchedAt) {
        Track track = played.track();
        Album album = track.album();
        PlayContext context = played.context();
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
                null, null, null, null, null, null, null, null, null, null, null, null,
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
