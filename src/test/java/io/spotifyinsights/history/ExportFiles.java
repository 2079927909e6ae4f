package io.spotifyinsights.history;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes files in the formats of Spotify's privacy export, from generated listening, with the oddities real exports
 * have: unsorted rows, null metadata, zero ms_played, private sessions, episodes, audiobooks, offline_timestamp in
 * seconds, milliseconds, 0 or null. What it generated is kept, so tests count what should be imported on their own.
 */
public final class ExportFiles {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    /** One stream as the generator made it. */
    public record Listen(Instant ts, long msPlayed, String track, String artist, String album, String trackUri,
            String episode, String show, String episodeUri, String audiobookTitle, String chapterUri,
            Boolean incognito) {

        /** The rule an import applies, written out here on its own: a music play of 30 s or more, not private. */
        public boolean isPlay() {
            return trackUri != null && track != null && episode == null && episodeUri == null
                    && audiobookTitle == null && chapterUri == null && !Boolean.TRUE.equals(incognito)
                    && msPlayed >= 30_000;
        }

        public boolean isEpisode() {
            return episode != null || episodeUri != null;
        }
    }

    private ExportFiles() {
    }

    /** {@code count} streams between {@code from} and {@code to}, in no particular order, each at its own second. */
    public static List<Listen> streams(long seed, int count, Instant from, Instant to) {
        Random random = new Random(seed);
        long span = ChronoUnit.SECONDS.between(from, to);
        java.util.Set<Long> seconds = new java.util.HashSet<>();
        List<Listen> streams = new ArrayList<>();
        while (streams.size() < count) {
            long second = (long) (random.nextDouble() * span);
            if (!seconds.add(second / 120)) {
                continue; // Two minutes apart at least: a listener's streams don't overlap.
            }
            Instant ts = from.plusSeconds(second);
            int kind = random.nextInt(100);
            long ms = random.nextInt(10) == 0 ? random.nextInt(30_000) : 30_000 + random.nextInt(300_000);
            if (random.nextInt(50) == 0) {
                ms = 0;
            }
            Boolean incognito = random.nextInt(25) == 0 ? Boolean.TRUE : random.nextInt(10) == 0 ? null : false;
            int track = (int) Math.abs(random.nextGaussian() * 40) % 300;
            if (kind < 6) {
                streams.add(new Listen(ts, ms, null, null, null, null, "Episode " + track, "Show " + (track % 7),
                        "spotify:episode:ep" + track, null, null, incognito));
            } else if (kind < 8) {
                streams.add(new Listen(ts, ms, null, null, null, null, null, null, null, "Book " + (track % 5),
                        "spotify:chapter:ch" + track, incognito));
            } else if (kind < 10) {
                // A record with every master_metadata field null and no URI: nothing to credit.
                streams.add(new Listen(ts, ms, null, null, null, null, null, null, null, null, null, incognito));
            } else {
                streams.add(new Listen(ts, ms, "Song " + track, "Artist " + (track % 40), "Album " + (track % 90),
                        "spotify:track:t" + "%021d".formatted(track), null, null, null, null, null, incognito));
            }
        }
        return streams;
    }

    /** An extended streaming history file; {@code newer}: with audiobook fields and without username. */
    public static byte[] extended(List<Listen> streams, boolean newer, long seed) {
        Random random = new Random(seed);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Listen stream : streams) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ts", DateTimeFormatter.ISO_INSTANT.format(stream.ts().truncatedTo(ChronoUnit.SECONDS)));
            if (!newer) {
                row.put("username", "listener");
            }
            row.put("platform", "Android OS 14 API 34 (Google, Pixel 8)");
            row.put("ms_played", stream.msPlayed());
            row.put("conn_country", "NL");
            row.put("ip_addr", "192.0.2." + random.nextInt(255));
            row.put("master_metadata_track_name", stream.track());
            row.put("master_metadata_album_artist_name", stream.artist());
            row.put("master_metadata_album_album_name", stream.album());
            row.put("spotify_track_uri", stream.trackUri());
            row.put("episode_name", stream.episode());
            row.put("episode_show_name", stream.show());
            row.put("spotify_episode_uri", stream.episodeUri());
            if (newer) {
                row.put("audiobook_title", stream.audiobookTitle());
                row.put("audiobook_uri", stream.audiobookTitle() == null ? null : "spotify:show:book");
                row.put("audiobook_chapter_uri", stream.chapterUri());
                row.put("audiobook_chapter_title", stream.chapterUri() == null ? null : "Chapter 1");
            }
            row.put("reason_start", random.nextBoolean() ? "trackdone" : "clickrow");
            row.put("reason_end", random.nextInt(5) == 0 ? null : "trackdone");
            row.put("shuffle", random.nextBoolean());
            row.put("skipped", random.nextInt(5) == 0 ? null : random.nextBoolean());
            row.put("offline", random.nextBoolean());
            long epochSecond = stream.ts().getEpochSecond();
            row.put("offline_timestamp", switch (random.nextInt(4)) {
                case 0 -> epochSecond;
                case 1 -> epochSecond * 1000;
                case 2 -> 0;
                default -> null;
            });
            row.put("incognito_mode", stream.incognito());
            rows.add(row);
        }
        return JSON.writeValueAsBytes(rows);
    }

    /** Account data, music: the music plays among the streams, by the minute and by name. */
    public static byte[] accountMusic(List<Listen> streams) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Listen stream : streams) {
            if (stream.track() == null) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("endTime", MINUTE.format(stream.ts()));
            row.put("artistName", stream.artist());
            row.put("trackName", stream.track());
            row.put("msPlayed", stream.msPlayed());
            rows.add(row);
        }
        return JSON.writeValueAsBytes(rows);
    }

    /** Account data, podcasts. */
    public static byte[] accountPodcasts(List<Listen> streams) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Listen stream : streams) {
            if (stream.episode() == null) {
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("endTime", MINUTE.format(stream.ts()));
            row.put("podcastName", stream.show());
            row.put("episodeName", stream.episode());
            row.put("msPlayed", stream.msPlayed());
            rows.add(row);
        }
        return JSON.writeValueAsBytes(rows);
    }

    /** A zip of named entries, as Spotify's my_spotify_data.zip is laid out. */
    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
