package io.spotifyinsights.history;

import java.util.Optional;

import org.springframework.stereotype.Component;

import io.spotifyinsights.pipeline.RunHistory;
import io.spotifyinsights.spotify.SpotifyClient;
import io.spotifyinsights.spotify.SpotifyException;

/**
 * Who the listener is: whose history an import is (the listener named, else the one the hourly runs fetch for,
 * else the connected account's), and whose plays the dashboard shows.
 */
@Component
public class Listeners {

    private final RunHistory runHistory;
    private final SpotifyClient spotify;
    private final ImportService imports;
    private final SampleData sampleData;

    Listeners(RunHistory runHistory, SpotifyClient spotify, ImportService imports, SampleData sampleData) {
        this.runHistory = runHistory;
        this.spotify = spotify;
        this.imports = imports;
        this.sampleData = sampleData;
    }

    /**
     * Whose plays the dashboard shows when it names nobody: the listener of the newest run, else of the newest
     * import, else the sample history's while it is there.
     */
    public Optional<String> shown() {
        return runHistory.lastListenerId()
                .or(imports::newestListener)
                .or(() -> sampleData.present() ? Optional.of(SampleData.LISTENER) : Optional.empty());
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
