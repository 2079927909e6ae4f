package io.spotifyinsights.warehouse;

import java.time.LocalDate;
import java.util.List;

/**
 * What the dashboard shows about a listener's plays in a time window, days and hours in the viewer's time zone.
 *
 * @param playsByHour     24 counts, hour 0 first
 * @param topArtists      the ten most played artists; a track by "A, B" counts for A and for B
 * @param distinctArtists artists credited as above
 * @param minorShare      the share of plays with audio features that are in a minor key ({@code mode = 0}); null
 *                        when no play has features
 */
public record ListeningInsights(
        List<DayCount> playsPerDay,
        List<Long> playsByHour,
        List<ArtistCount> topArtists,
        long totalPlays,
        long distinctTracks,
        long distinctArtists,
        Double minorShare) {

    /** A zone as SQL engines name it: {@code UTC} rather than Java's {@code Z}. */
    static String zoneName(java.time.ZoneId zone) {
        return zone.normalized().equals(java.time.ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    public record DayCount(LocalDate day, long plays) {
    }

    public record ArtistCount(String artist, long plays) {
    }
}
