package io.spotifyinsights.web;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.spotifyinsights.history.SampleData;
import io.spotifyinsights.spotify.SpotifyClient;
import io.spotifyinsights.spotify.SpotifyException;

/**
 * Connecting a Spotify account from the browser: {@code /connect} sends the person to Spotify's authorize page with
 * a fresh {@code state}; {@code /callback} checks it, exchanges the code and stores the refresh token. Both need the
 * admin login: connecting decides whose plays the service keeps.
 */
@RestController
class ConnectController {

    static final String STATE = "spotify.connect.state";

    private final SpotifyClient spotify;
    private final SampleData sampleData;
    private final SecureRandom random = new SecureRandom();

    ConnectController(SpotifyClient spotify, SampleData sampleData) {
        this.sampleData = sampleData;
        this.spotify = spotify;
    }

    @GetMapping("/connect")
    ResponseEntity<String> connect(HttpSession session) {
        if (!spotify.canConnect()) {
            // The dashboard explains what to create in Spotify's developer dashboard first.
            return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/")).build();
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(STATE, state);
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(spotify.authorizeUrl(state))).build();
    }

    @GetMapping("/callback")
    ResponseEntity<String> callback(@RequestParam(required = false) String code,
            @RequestParam(required = false) String state, @RequestParam(required = false) String error,
            HttpSession session) {
        Object expected = session.getAttribute(STATE);
        session.removeAttribute(STATE);
        if (error != null) {
            return ServerPage.of(HttpStatus.BAD_REQUEST, "Not connected", "Spotify answered %s: the account was "
                    + "not connected and nothing changed.", "/connect", "Try again", error).render();
        }
        if (code == null || state == null || !state.equals(expected)) {
            return ServerPage.of(HttpStatus.BAD_REQUEST, "Not connected", "This sign-in could not be verified (it did "
                    + "not start here, or it was already used). Nothing changed.", "/connect", "Start again").render();
        }
        try {
            String listener = spotify.connect(code);
            sampleData.remove("a Spotify account was connected");
            return ServerPage.of(HttpStatus.OK, "Connected", "Connected to Spotify as %s. The next run fetches this "
                    + "account's plays.", "/", "Back to the dashboard", listener).render();
        } catch (SpotifyException e) {
            return ServerPage.of(HttpStatus.BAD_GATEWAY, "Not connected", "%s", "/connect", "Try again",
                    e.getMessage()).render();
        }
    }
}
