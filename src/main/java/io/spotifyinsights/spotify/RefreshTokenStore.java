package io.spotifyinsights.spotify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Keeps the refresh token Spotify last handed out, so a rotated token survives restarts — and that Spotify refused
 * one, so a revoked authorization still shows after a restart.
 */
public interface RefreshTokenStore {

    Optional<String> load();

    /** @throws java.io.UncheckedIOException when it can't be written (nothing half-written is left) */
    void save(String refreshToken);

    /** Forgets the stored token, e.g. once Spotify refused it. */
    void clear();

    /** Remembers that Spotify refused this token; only its fingerprint is kept. */
    void recordRefusal(Refusal refusal);

    Optional<Refusal> refusal();

    void clearRefusal();

    /** Where tokens are kept, for messages that say what to fix. */
    String location();

    /**
     * Spotify's refusal of a refresh token ({@code invalid_grant}).
     *
     * @param fingerprint SHA-256 of the refused token, so it is recognised without being kept
     */
    record Refusal(String fingerprint, Instant since, String message) {

        static Refusal of(String refreshToken, Instant since, String message) {
            return new Refusal(fingerprint(refreshToken), since, message);
        }

        boolean refused(String refreshToken) {
            return refreshToken != null && fingerprint.equals(fingerprint(refreshToken));
        }

        static String fingerprint(String refreshToken) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(refreshToken.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
