package io.spotifyinsights.history;

import org.springframework.stereotype.Component;

import io.spotifyinsights.pipeline.RunHistory;
import io.spotifyinsights.spotify.SpotifyClient;
import io.spotifyinsights.spotify.SpotifyException;

/**
 * Whose history an import is: the listener named, else the one the hourly runs fetch for, else the connected
 * account's.
 */
@Component
public class Listeners {

    private final RunHistory runHistory;
    private final SpotifyClient spotify;

    Listeners(RunHistory runHistory, SpotifyClient spotify) {
        this.runHistory = runHistory;
        this.spotify = spotify;
    }

    /** @throws IllegalArgumentException saying what to do when nobody can be named */
    public String resolve(String named) {
        if (named != null && !named.isBlank()) {
            if (!named.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new ImportRefusedException(("'%s' is not a Spotify user id (letters, digits, '.', '_' and '-'; "
                        + "it is on your account page).").formatted(named.replaceAll("[^A-Za-z0-9._-]", "?")));
            }
            return named;
        }
        var last = runHistory.lastListenerId();
        if (last.isPresent()) {
            return last.get();
        }
        if (spotify.isConfigured()) {
            try {
                return spotify.currentUser();
            } catch (SpotifyException e) {
                throw new ImportRefusedException("Could not ask Spotify whose account is connected (" + e.getMessage()
                        + "). Name the listener: add listener=<your Spotify user id>.");
            }
        }
        throw new ImportRefusedException("No Spotify account is connected, so the import can't tell whose history it "
                + "is. Connect at /connect first, or name the listener: add listener=<your Spotify user id>.");
    }
}
