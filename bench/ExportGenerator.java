import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes a synthetic Spotify extended streaming history in the real format, for bench/import.sh:
 * {@code java bench/ExportGenerator.java OUT_DIR [RECORDS] [PER_FILE] [SEED]} (defaults 1 000 000, 25 000, 42).
 *
 * <p>Files {@code Streaming_History_Audio_<years>_<n>.json}, each a pretty-printed JSON array (two-space indents, as
 * the export of 2023 on), each file covering a stretch of time with its rows shuffled. Times: distinct seconds over
 * ten years (2014-2023). The mix: 85 % music (of which 18 % played under 30 s and 2 % in a private session),
 * 6 % podcast episodes, 2 % audiobook chapters, 7 % records without metadata (Spotify writes those for local files
 * and unavailable tracks). Track popularity is Zipf-like (s = 1.0) over 50 000 tracks by 8 000 artists; some names
 * carry commas, quotes and non-ASCII letters. Deterministic for a seed. Prints what it wrote, and the plays it
 * expects the importer to keep (the rule: a track URI and name, no episode or audiobook, not incognito,
 * ms_played >= 30 000).
 */
public class ExportGenerator {

    static final int TRACKS = 50_000;
    static final int ARTISTS = 8_000;
    static final int SHOWS = 300;
    static final int BOOKS = 40;
    static final long START = Instant.parse("2014-01-01T00:00:00Z").getEpochSecond();
    static final long END = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
    static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    static final String[] PLATFORMS = {"android", "ios", "windows", "osx", "web_player",
            "Android OS 9 API 28 (samsung, SM-G960F)", "iOS 16.5 (iPhone14,5)", "Partner sonos_speaker"};
    static final String[] COUNTRIES = {"FR", "FR", "FR", "DE", "GB", "ES", "US", "IT", "NL", "BE"};
    static final String[] REASON_START = {"trackdone", "trackdone", "trackdone", "clickrow", "fwdbtn", "backbtn",
            "appload", "playbtn", "remote"};
    static final String[] REASON_END = {"trackdone", "trackdone", "trackdone", "endplay", "fwdbtn", "backbtn",
            "logout", "unexpected-exit-while-paused", "remote"};
    static final String[] WORDS = {"Love", "Night", "Blue", "Fire", "Dream", "Heart", "Summer", "Rain", "Light", "City",
            "Gold", "Wild", "Ocean", "Shadow", "Stars", "Road", "Time", "Home", "Electric", "Silver", "Été", "Nuit",
            "Ciudad", "Straße", "Ångström", "Café", "Noël", "Señor", "Fjäll", "Ödön", "東京", "Ψυχή"};

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        long records = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int perFile = args.length > 2 ? Integer.parseInt(args[2]) : 25_000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        Files.createDirectories(out);
        SplittableRandom random = new SplittableRandom(seed);

        // Zipf-like popularity: track rank r is drawn with weight 1 / r.
        double[] cdf = new double[TRACKS];
        double sum = 0;
        for (int r = 0; r < TRACKS; r++) {
            sum += 1.0 / (r + 1);
            cdf[r] = sum;
        }
        for (int r = 0; r < TRACKS; r++) {
            cdf[r] /= sum;
        }
        String[] trackIds = new String[TRACKS];
        String[] trackNames = new String[TRACKS];
        int[] trackArtist = new int[TRACKS];
        String[] albums = new String[TRACKS];
        long[] durations = new long[TRACKS];
        for (int t = 0; t < TRACKS; t++) {
            trackIds[t] = base62(random, 22);
            trackNames[t] = name(random, 1 + random.nextInt(4)) + (random.nextInt(30) == 0 ? ", Pt. 2" : "")
                    + (random.nextInt(60) == 0 ? " (\"Live\")" : "");
            // A popular artist has many tracks: the artist index is itself skewed.
            trackArtist[t] = (int) Math.min(ARTISTS - 1, Math.floor(Math.pow(random.nextDouble(), 2) * ARTISTS));
            albums[t] = name(random, 1 + random.nextInt(3));
            durations[t] = 120_000 + random.nextInt(240_000);
        }
        String[] artists = new String[ARTISTS];
        for (int a = 0; a < ARTISTS; a++) {
            artists[a] = (random.nextInt(20) == 0 ? "The " : "") + name(random, 1 + random.nextInt(2))
                    + (random.nextInt(25) == 0 ? " & Friends" : "");
        }
        String[] shows = new String[SHOWS];
        for (int s = 0; s < SHOWS; s++) {
            shows[s] = name(random, 2) + " Podcast";
        }
        String[] books = new String[BOOKS];
        for (int b = 0; b < BOOKS; b++) {
            books[b] = "The " + name(random, 2);
        }

        // Distinct seconds, spread over the ten years: one slot per record, a random second inside each slot.
        long span = END - START;
        double slot = (double) span / records;
        long[] seconds = new long[(int) records];
        for (int i = 0; i < records; i++) {
            long from = START + (long) Math.floor(i * slot);
            long to = START + (long) Math.floor((i + 1) * slot);
            seconds[i] = from + (to > from + 1 ? random.nextLong(to - from) : 0);
        }

        int files = (int) ((records + perFile - 1) / perFile);
        long expectedPlays = 0;
        long bytes = 0;
        long[] kinds = new long[6];
        for (int f = 0; f < files; f++) {
            int first = f * perFile;
            int count = (int) Math.min(perFile, records - first);
            long[] mine = Arrays.copyOfRange(seconds, first, first + count);
            // Unsorted inside the file, as Spotify writes them.
            for (int i = count - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                long swap = mine[i];
                mine[i] = mine[j];
                mine[j] = swap;
            }
            int fromYear = year(seconds[first]);
            int toYear = year(seconds[first + count - 1]);
            String years = fromYear == toYear ? String.valueOf(fromYear) : fromYear + "-" + toYear;
            Path file = out.resolve("Streaming_History_Audio_%s_%d.json".formatted(years, f));
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write("[\n");
                for (int i = 0; i < count; i++) {
                    int kind = kind(random);
                    kinds[kind]++;
                    expectedPlays += record(w, random, mine[i], kind, cdf, trackIds, trackNames, trackArtist, albums,
                            durations, artists, shows, books) ? 1 : 0;
                    w.write(i == count - 1 ? "\n" : ",\n");
                }
                w.write("]\n");
            }
            bytes += Files.size(file);
        }
        System.out.printf("wrote %d records in %d files (%.1f MB) to %s; seed %d%n", records, files, bytes / 1e6, out,
                seed);
        System.out.printf("mix: music %d (of which under 30 s %d, private %d), episodes %d, audiobooks %d, "
                + "no metadata %d; expected plays %d%n", kinds[0] + kinds[4] + kinds[5], kinds[4], kinds[5],
                kinds[1], kinds[2], kinds[3], expectedPlays);
        System.out.println("EXPECTED_PLAYS=" + expectedPlays);
        System.out.println("FILES=" + files);
    }

    /** 0 music, 1 episode, 2 audiobook, 3 no metadata, 4 music under 30 s, 5 music in a private session. */
    static int kind(SplittableRandom random) {
        double p = random.nextDouble();
        if (p < 0.85) {
            double q = random.nextDouble();
            return q < 0.18 ? 4 : q < 0.20 ? 5 : 0;
        }
        if (p < 0.91) {
            return 1;
        }
        if (p < 0.93) {
            return 2;
        }
        return 3;
    }

    /** Writes one record; whether it is a play by the importer's rule. */
    static boolean record(BufferedWriter w, SplittableRandom random, long second, int kind, double[] cdf,
            String[] trackIds, String[] trackNames, int[] trackArtist, String[] albums, long[] durations,
            String[] artists, String[] shows, String[] books) throws IOException {
        String track = null;
        String artist = null;
        String album = null;
        String trackUri = null;
        String episode = null;
        String show = null;
        String episodeUri = null;
        String book = null;
        String bookUri = null;
        String chapterUri = null;
        String chapter = null;
        long ms;
        boolean incognito = kind == 5;
        switch (kind) {
            case 0, 4, 5 -> {
                int t = Arrays.binarySearch(cdf, random.nextDouble());
                t = t < 0 ? Math.min(-t - 1, cdf.length - 1) : t;
                track = trackNames[t];
                artist = artists[trackArtist[t]];
                album = albums[t];
                trackUri = "spotify:track:" + trackIds[t];
                ms = kind == 4 ? random.nextInt(30_000)
                        : random.nextInt(4) == 0 ? 30_000 + random.nextLong(durations[t] - 30_000) : durations[t];
            }
            case 1 -> {
                int s = random.nextInt(shows.length);
                show = shows[s];
                episode = "#" + (1 + random.nextInt(400)) + " " + shows[s].substring(0, shows[s].length() - 8);
                episodeUri = "spotify:episode:" + base62(random, 22);
                ms = random.nextInt(3_600_000);
            }
            case 2 -> {
                int b = random.nextInt(books.length);
                book = books[b];
                bookUri = "spotify:show:" + base62(new SplittableRandom(b), 22);
                chapter = "Chapter " + (1 + random.nextInt(40));
                chapterUri = "spotify:episode:" + base62(random, 22);
                ms = random.nextInt(1_800_000);
            }
            default -> ms = random.nextInt(300_000);
        }
        boolean offline = random.nextInt(20) == 0;
        w.write("  {\n");
        field(w, "ts", Instant.ofEpochSecond(second).toString());
        field(w, "username", "bench-listener");
        field(w, "platform", PLATFORMS[random.nextInt(PLATFORMS.length)]);
        raw(w, "ms_played", Long.toString(ms));
        field(w, "conn_country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
        field(w, "ip_addr", "10.%d.%d.%d".formatted(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
        field(w, "master_metadata_track_name", track);
        field(w, "master_metadata_album_artist_name", artist);
        field(w, "master_metadata_album_album_name", album);
        field(w, "spotify_track_uri", trackUri);
        field(w, "episode_name", episode);
        field(w, "episode_show_name", show);
        field(w, "spotify_episode_uri", episodeUri);
        field(w, "audiobook_title", book);
        field(w, "audiobook_uri", bookUri);
        field(w, "audiobook_chapter_uri", chapterUri);
        field(w, "audiobook_chapter_title", chapter);
        field(w, "reason_start", REASON_START[random.nextInt(REASON_START.length)]);
        field(w, "reason_end", REASON_END[random.nextInt(REASON_END.length)]);
        raw(w, "shuffle", Boolean.toString(random.nextBoolean()));
        raw(w, "skipped", Boolean.toString(kind == 4 && random.nextBoolean()));
        raw(w, "offline", Boolean.toString(offline));
        raw(w, "offline_timestamp", offline ? Long.toString(second - random.nextInt(86_400)) : "null");
        w.write("    \"incognito_mode\": " + incognito + "\n  }");
        return kind == 0;
    }

    static void field(BufferedWriter w, String name, String value) throws IOException {
        raw(w, name, value == null ? "null" : quote(value));
    }

    static void raw(BufferedWriter w, String name, String value) throws IOException {
        w.write("    \"");
        w.write(name);
        w.write("\": ");
        w.write(value);
        w.write(",\n");
    }

    static String quote(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    static String name(SplittableRandom random, int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return b.toString();
    }

    static String base62(SplittableRandom random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = BASE62.charAt(random.nextInt(62));
        }
        return new String(chars);
    }

    static int year(long second) {
        return ZonedDateTime.ofInstant(Instant.ofEpochSecond(second), ZoneOffset.UTC).getYear();
    }
}
