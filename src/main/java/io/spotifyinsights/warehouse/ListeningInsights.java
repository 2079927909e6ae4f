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
 * @param msListened      how long the music played: the export's {@code ms_played} where known, else the track's
 *                        length
 * @param spoken          podcast episodes and audiobook chapters in the window, apart from music
 */
public record ListeningInsights(
        List<DayCount> playsPerDay,
        List<Long> playsByHour,
        List<ArtistCount> topArtists,
        long totalPlays,
        long distinctTracks,
        long distinctArtists,
        Double minorShare,
        long msListened,
        Spoken spoken) {

    /** How many shows the dashboard lists. */
    public static final int TOP_SHOWS = 10;

    /**
     * Podcasts and audiobooks in the window.
     *
     * @param topShows the {@value ListeningInsights#TOP_SHOWS} shows (or audiobooks) listened to longest
     */
    public record Spoken(long streams, long msPlayed, List<ShowTime> topShows) {
    }

    /** @param show the podcast's name or the audiobook's title; null when the export didn't name it */
    public record ShowTime(String show, String kind, long streams, long msPlayed) {
    }

    /**
     * A zone as the SQL engines here name it: a region by its IANA name; a fixed offset, however Java was given it
     * ({@code +05:30}, {@code UTC+5}, {@code Etc/GMT-3}), as {@code prefix} and the offset ({@code GMT+05:30} for
     * DuckDB's ICU, {@code +05:30} for BigQuery); UTC as {@code UTC}.
     */
    static String zoneName(java.time.ZoneId zone, String offsetPrefix) {
        java.time.ZoneId normalized = zone.normalized();
        if (normalized.equals(java.time.ZoneOffset.UTC)) {
            return "UTC";
        }
        return normalized instanceof java.time.ZoneOffset offset ? offsetPrefix + offset.getId() : zone.getId();
    }

    public record DayCount(LocalDate day, long plays) {
    }

    public record ArtistCount(String artist, long plays) {
    }
}
