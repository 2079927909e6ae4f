package io.spotifyinsights.history;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import io.spotifyinsights.play.Play;
import io.spotifyinsights.play.PlaySource;

/**
 * A plausible, invented listening history — about two years and 25,000 plays — so a listener who has not connected
 * Spotify yet sees a full dashboard (a daily rhythm, favourites, a top ten that changes) instead of empty charts.
 *
 * <p>Everything in it is made up: artist, track, album and show names come from the word lists at the end of this
 * class, and the ids look like Spotify's (22 base62 characters) but point nowhere, so {@code spotify_url} stays null.
 * The same seed always gives the same history, so the sample does not change under the listener from one start to
 * the next. The invented listener lives on UTC: the hours the dashboard shows are the hours the rhythm is written in.
 *
 * <p>Plays and episodes come from one timeline, so an episode never overlaps a play of the same seed.
 */
public final class SampleHistory {

    /** One invented podcast episode played: a row of the episodes table, apart from music plays. */
    public record SampleEpisode(String showName, String episodeName, String episodeUri, Instant playedAt,
            long msPlayed) {
    }

    // The catalogue: enough tracks and artists that the long tail looks like a real library.
    private static final int TRACK_COUNT = 1_500;
    private static final int ARTIST_COUNT = 250;
    private static final int MOST_ALBUMS_PER_ARTIST = 4;
    /** Share of tracks that credit a second artist. */
    private static final double FEATURING_SHARE = 0.12;
    /** A track's (and an artist's) weight is rank^-exponent; below 1 so the long tail is still heard now and then. */
    private static final double POPULARITY_EXPONENT = 0.85;
    private static final long SHORTEST_TRACK_MS = Duration.ofMinutes(2).toMillis();
    private static final long LONGEST_TRACK_MS = Duration.ofMinutes(7).toMillis();
    private static final long TYPICAL_TRACK_MS = Duration.ofSeconds(215).toMillis();
    private static final long TRACK_LENGTH_SPREAD_MS = Duration.ofSeconds(45).toMillis();
    private static final int ID_LENGTH = 22;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String TRACK_URI = "spotify:track:";
    private static final String EPISODE_URI = "spotify:episode:";

    // The calendar.
    private static final int DAYS = 730;
    private static final int TARGET_PLAYS = 25_000;
    /** Weekends hold a little more listening than weekdays. */
    private static final double WEEKEND_LIFT = 1.15;
    private static final int HOLIDAYS = 4;
    private static final int SHORTEST_HOLIDAY_DAYS = 7;
    private static final int LONGEST_HOLIDAY_DAYS = 14;
    /** On holiday the listener still plays something most days, just much less. */
    private static final double HOLIDAY_ACTIVITY = 0.2;
    private static final double SILENT_DAY_SHARE = 0.05;
    /** Relative chance that a listening session starts in each UTC hour on a weekday: commutes and evenings. */
    private static final double[] WEEKDAY_HOURS = {
            2, 1, 0.4, 0.2, 0.2, 0.4, 2, 6, 7, 3, 2, 2, 3.5, 3, 2, 2, 3, 6, 7, 7, 8, 8, 6, 4};
    /** The same at weekends: a late start, a long afternoon and later nights. */
    private static final double[] WEEKEND_HOURS = {
            4, 3, 1.2, 0.5, 0.3, 0.2, 0.3, 0.5, 1, 2, 4, 5, 5, 5, 5, 5, 5, 5, 6, 6, 7, 8, 8, 6};
    /** Podcasts go with the morning commute, lunch and the way home. */
    private static final double[] EPISODE_HOURS = {
            0, 0, 0, 0, 0, 0, 1, 4, 4, 1, 0.5, 0.5, 2, 1, 0.5, 0.5, 1, 2, 2, 1, 1, 1, 0.5, 0};

    // Sessions.
    private static final double MEAN_TRACKS_PER_SESSION = 8;
    private static final int MOST_TRACKS_PER_SESSION = 60;
    private static final int LONGEST_PAUSE_BETWEEN_TRACKS_MS = 3_000;
    private static final double SKIP_SHARE = 0.15;
    /** The common rule for what counts as a play (see {@link ExportRules}): skips are at least this long. */
    private static final long SHORTEST_PLAY_MS = 30_000;

    // Hits: tracks from the middle of the library that take over for some weeks, then fade, so the top ten moves.
    private static final int HITS = 12;
    private static final int FIRST_HIT_RANK = 30;
    private static final int LAST_HIT_RANK = 600;
    private static final int HIT_RISE_DAYS = 7;
    private static final int SHORTEST_HIT_PEAK_DAYS = 14;
    private static final int LONGEST_HIT_PEAK_DAYS = 42;
    private static final int HIT_FADE_DAYS = 28;
    /** At its peak a hit is played this many times as often as the listener's all-time favourite. */
    private static final double HIT_PEAK = 1.5;

    // Episodes: with the shows' lengths below, about 4 % of the listening time.
    private static final double EPISODES_PER_ACTIVE_DAY = 0.15;
    private static final double UNFINISHED_EPISODE_SHARE = 0.25;
    private static final List<Show> SHOWS = List.of(
            new Show("The Thimble Review", 45, 4),
            new Show("Weathervane Weekly", 30, 3),
            new Show("Hedgehog Science Hour", 55, 2),
            new Show("Slow Gondola Stories", 25, 1),
            new Show("Otter Talk After Dark", 70, 1));
    private static final int LOWEST_FIRST_EPISODE = 20;
    private static final int HIGHEST_FIRST_EPISODE = 200;

    // Audio features, in the ranges Spotify reports for popular music.
    private static final double MAJOR_SHARE = 0.6;
    private static final double KEYLESS_SHARE = 0.02;
    private static final int PITCH_CLASSES = 12;
    private static final double SPOKEN_SHARE = 0.1;
    private static final double INSTRUMENTAL_SHARE = 0.12;
    private static final double LIVE_SHARE = 0.05;
    /** Relative chance of 3, 4, 5, 6 and 7 beats a bar. */
    private static final double[] TIME_SIGNATURES = {0.08, 0.88, 0.03, 0, 0.01};
    private static final int FEWEST_BEATS = 3;
    private static final double DECIMALS = 1_000;

    private SampleHistory() {
    }

    /**
     * About 25,000 plays over the two years ending at {@code end}, oldest first, marked {@link PlaySource#SAMPLE}.
     * Each play's {@code played_at} is when it ended; no play starts before the previous one ended.
     */
    public static List<Play> plays(String listenerId, Instant end, Instant uploadedAt, long seed) {
        Objects.requireNonNull(listenerId, "listenerId");
        Objects.requireNonNull(uploadedAt, "uploadedAt");
        return timeline(end, seed).listens().stream().map(listen -> listen.toPlay(listenerId, uploadedAt)).toList();
    }

    /**
     * The podcast episodes of the same timeline as {@link #plays}, oldest first. The listener id does not change
     * them; it is asked for so that both calls read alike and a missing id fails here too.
     */
    public static List<SampleEpisode> episodes(String listenerId, Instant end, long seed) {
        Objects.requireNonNull(listenerId, "listenerId");
        return timeline(end, seed).episodes();
    }

    private static Timeline timeline(Instant end, long seed) {
        Objects.requireNonNull(end, "end");
        Random random = new Random(seed);
        InventedNames names = new InventedNames(random);
        List<Track> tracks = inventTracks(random, names);
        List<Hit> hits = inventHits(random);
        double[] trackWeights = zipf(TRACK_COUNT);
        Timeline timeline = new Timeline(random, names, tracks, end.minus(Duration.ofDays(DAYS)), end);

        LocalDate firstDay = LocalDate.ofInstant(timeline.first(), ZoneOffset.UTC);
        double[] activity = activity(random, firstDay);
        double sessionsPerActiveDay = TARGET_PLAYS / (Arrays.stream(activity).sum() * MEAN_TRACKS_PER_SESSION);
        for (int day = 0; day < activity.length; day++) {
            double[] cumulative = cumulativeWeightsOn(day, trackWeights, hits);
            for (Session session : sessionsOn(random, firstDay.plusDays(day), activity[day], sessionsPerActiveDay)) {
                timeline.listen(session, cumulative);
            }
        }
        return timeline;
    }

    /** How much the listener plays each day, relative to an ordinary weekday; 0 on a silent day. */
    private static double[] activity(Random random, LocalDate firstDay) {
        double[] activity = new double[DAYS + 1];
        for (int day = 0; day < activity.length; day++) {
            boolean silent = random.nextDouble() < SILENT_DAY_SHARE;
            activity[day] = silent ? 0 : weekend(firstDay.plusDays(day)) ? WEEKEND_LIFT : 1;
        }
        for (int holiday = 0; holiday < HOLIDAYS; holiday++) {
            int start = random.nextInt(activity.length);
            int length = between(random, SHORTEST_HOLIDAY_DAYS, LONGEST_HOLIDAY_DAYS);
            for (int day = start; day < Math.min(start + length, activity.length); day++) {
                activity[day] = Math.min(activity[day], HOLIDAY_ACTIVITY);
            }
        }
        return activity;
    }

    /** The day's music and episode sessions, in the order they start. */
    private static List<Session> sessionsOn(Random random, LocalDate date, double activity,
            double sessionsPerActiveDay) {
        long midnight = date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        double[] hours = weekend(date) ? WEEKEND_HOURS : WEEKDAY_HOURS;
        List<Session> sessions = new ArrayList<>();
        for (int i = poisson(random, activity * sessionsPerActiveDay); i > 0; i--) {
            sessions.add(new Session(startInHour(random, midnight, weightedIndex(random, hours)), false));
        }
        for (int i = poisson(random, activity * EPISODES_PER_ACTIVE_DAY); i > 0; i--) {
            sessions.add(new Session(startInHour(random, midnight, weightedIndex(random, EPISODE_HOURS)), true));
        }
        sessions.sort(Comparator.comparingLong(Session::startsAt));
        return sessions;
    }

    private static long startInHour(Random random, long midnight, int hour) {
        long hourMs = Duration.ofHours(1).toMillis();
        return midnight + hour * hourMs + (long) (random.nextDouble() * hourMs);
    }

    private static boolean weekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** A geometric number of tracks: most sessions are short, a few last an evening. */
    private static int tracksInSession(Random random) {
        double endsAfterEachTrack = 1 / MEAN_TRACKS_PER_SESSION;
        int more = (int) (Math.log(1 - random.nextDouble()) / Math.log(1 - endsAfterEachTrack));
        return Math.min(1 + more, MOST_TRACKS_PER_SESSION);
    }

    /** The running sum of the tracks' weights on a day: the steady favourites plus the hits of the moment. */
    private static double[] cumulativeWeightsOn(int day, double[] trackWeights, List<Hit> hits) {
        double[] weights = trackWeights.clone();
        for (Hit hit : hits) {
            weights[hit.track()] += HIT_PEAK * trackWeights[0] * hit.strengthOn(day);
        }
        return runningSum(weights);
    }

    private static List<Hit> inventHits(Random random) {
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < HITS; i++) {
            hits.add(new Hit(between(random, FIRST_HIT_RANK, LAST_HIT_RANK) - 1,
                    random.nextInt(DAYS + HIT_RISE_DAYS) - HIT_RISE_DAYS,
                    between(random, SHORTEST_HIT_PEAK_DAYS, LONGEST_HIT_PEAK_DAYS)));
        }
        return hits;
    }

    /**
     * The library, most popular first. Every artist has at least one track, popular artists have many, and the
     * tracks are shuffled afterwards so a track's rank does not follow its artist's.
     */
    private static List<Track> inventTracks(Random random, InventedNames names) {
        List<Artist> artists = new ArrayList<>();
        for (int i = 0; i < ARTIST_COUNT; i++) {
            List<Album> albums = new ArrayList<>();
            for (int album = between(random, 1, MOST_ALBUMS_PER_ARTIST); album > 0; album--) {
                albums.add(new Album(id(random), names.album()));
            }
            double energy = between(random, 0.25, 0.9);
            artists.add(new Artist(id(random), names.artist(), albums, energy,
                    clamp(1 - energy + random.nextGaussian() * 0.15, 0, 1)));
        }
        double[] artistWeights = runningSum(zipf(ARTIST_COUNT));
        List<Track> tracks = new ArrayList<>();
        for (int i = 0; i < TRACK_COUNT; i++) {
            Artist artist = artists.get(i < ARTIST_COUNT ? i : pick(random, artistWeights));
            String credited = artist.name();
            String creditedIds = artist.id();
            if (random.nextDouble() < FEATURING_SHARE) {
                Artist featured = artists.get(random.nextInt(ARTIST_COUNT));
                if (featured != artist) {
                    credited += ", " + featured.name();
                    creditedIds += "," + featured.id();
                }
            }
            Album album = artist.albums().get(random.nextInt(artist.albums().size()));
            long durationMs = Math.round(clamp(TYPICAL_TRACK_MS + random.nextGaussian() * TRACK_LENGTH_SPREAD_MS,
                    SHORTEST_TRACK_MS, LONGEST_TRACK_MS));
            tracks.add(new Track(id(random), names.track(), credited, creditedIds, album, durationMs,
                    Play.trackDuration(durationMs), sound(random, artist)));
        }
        Collections.shuffle(tracks, random);
        return tracks;
    }

    /** Audio features centred on the artist's energy and acousticness, so an artist's tracks sound alike. */
    private static Sound sound(Random random, Artist artist) {
        double energy = near(random, artist.energy(), 0.12);
        double acousticness = near(random, artist.acousticness(), 0.15);
        int mode = random.nextDouble() < MAJOR_SHARE ? 1 : 0;
        double speechiness = random.nextDouble() < SPOKEN_SHARE
                ? between(random, 0.15, 0.45) : between(random, 0.025, 0.1);
        double instrumentalness = random.nextDouble() < INSTRUMENTAL_SHARE
                ? between(random, 0.5, 0.95) : between(random, 0, 0.02);
        double liveness = random.nextDouble() < LIVE_SHARE
                ? between(random, 0.7, 0.98) : between(random, 0.05, 0.3);
        return new Sound(
                near(random, 0.35 + 0.4 * energy, 0.15),
                energy,
                random.nextDouble() < KEYLESS_SHARE ? -1 : random.nextInt(PITCH_CLASSES),
                rounded(clamp(-4 - 8 * acousticness + random.nextGaussian() * 2, -30, 0)),
                mode,
                rounded(speechiness),
                acousticness,
                rounded(instrumentalness),
                rounded(liveness),
                near(random, 0.25 + 0.35 * energy + 0.1 * mode, 0.2),
                rounded(clamp(120 + random.nextGaussian() * 25, 60, 200)),
                FEWEST_BEATS + weightedIndex(random, TIME_SIGNATURES));
    }

    /** Zipf-like weights for ranks 1..count, at index rank - 1. */
    private static double[] zipf(int count) {
        double[] weights = new double[count];
        for (int rank = 1; rank <= count; rank++) {
            weights[rank - 1] = Math.pow(rank, -POPULARITY_EXPONENT);
        }
        return weights;
    }

    /** An index drawn in proportion to its weight, given the running sum of the weights. */
    private static int pick(Random random, double[] cumulative) {
        double drawn = random.nextDouble() * cumulative[cumulative.length - 1];
        // The first index whose running sum exceeds the draw: a weight of 0 is never picked.
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] > drawn) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    private static int weightedIndex(Random random, double[] weights) {
        return pick(random, runningSum(weights.clone()));
    }

    /** Sums in place, one after the other: the same rounding on every machine, unlike a parallel prefix. */
    private static double[] runningSum(double[] weights) {
        for (int i = 1; i < weights.length; i++) {
            weights[i] += weights[i - 1];
        }
        return weights;
    }

    /** Knuth's method; the means here are small (a few sessions a day). */
    private static int poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        int count = 0;
        for (double product = random.nextDouble(); product > limit; product *= random.nextDouble()) {
            count++;
        }
        return count;
    }

    private static String id(Random random) {
        StringBuilder id = new StringBuilder(ID_LENGTH);
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return id.toString();
    }

    private static int between(Random random, int lowest, int highest) {
        return lowest + random.nextInt(highest - lowest + 1);
    }

    private static double between(Random random, double low, double high) {
        return low + random.nextDouble() * (high - low);
    }

    /** A feature 0..1 spread around a centre, rounded as Spotify gives it. */
    private static double near(Random random, double centre, double spread) {
        return rounded(clamp(centre + random.nextGaussian() * spread, 0, 1));
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }

    private static double rounded(double value) {
        return Math.round(value * DECIMALS) / DECIMALS;
    }

    private record Show(String name, int minutes, double weight) {
    }

    private record Album(String id, String name) {
    }

    private record Artist(String id, String name, List<Album> albums, double energy, double acousticness) {
    }

    private record Sound(double danceability, double energy, int key, double loudness, int mode,
            double speechiness, double acousticness, double instrumentalness, double liveness, double valence,
            double tempo, int timeSignature) {
    }

    /** A track of the library; its {@code m:ss} length is worked out once, not on each of its plays. */
    private record Track(String id, String name, String artists, String artistIds, Album album, long durationMs,
            String trackDuration, Sound sound) {
    }

    private record Session(long startsAt, boolean episode) {
    }

    /**
     * The invented listener's two years, played session after session. A session that would start while another
     * still plays follows it instead, so nothing overlaps; what ends outside the window is left out.
     */
    private static final class Timeline {

        private final Random random;
        private final InventedNames names;
        private final List<Track> tracks;
        private final long first;
        private final long last;
        private final double[] showWeights = SHOWS.stream().mapToDouble(Show::weight).toArray();
        private final int[] nextEpisode;
        private final List<Listen> listens = new ArrayList<>();
        private final List<SampleEpisode> episodes = new ArrayList<>();
        /** When the last thing played ended. */
        private long cursor;

        Timeline(Random random, InventedNames names, List<Track> tracks, Instant first, Instant last) {
            this.random = random;
            this.names = names;
            this.tracks = tracks;
            this.first = first.toEpochMilli();
            this.last = last.toEpochMilli();
            this.cursor = this.first;
            this.nextEpisode = SHOWS.stream()
                    .mapToInt(show -> between(random, LOWEST_FIRST_EPISODE, HIGHEST_FIRST_EPISODE)).toArray();
        }

        Instant first() {
            return Instant.ofEpochMilli(first);
        }

        List<Listen> listens() {
            return listens;
        }

        List<SampleEpisode> episodes() {
            return episodes;
        }

        /** Plays the session, drawing its tracks by today's running sum of weights. */
        void listen(Session session, double[] cumulativeWeights) {
            if (session.startsAt() < first) {
                return;
            }
            cursor = Math.max(cursor, session.startsAt());
            if (session.episode()) {
                playEpisode();
                return;
            }
            for (int i = tracksInSession(random); i > 0; i--) {
                playTrack(tracks.get(pick(random, cumulativeWeights)));
            }
        }

        private void playTrack(Track track) {
            long msPlayed = random.nextDouble() < SKIP_SHARE
                    ? SHORTEST_PLAY_MS + (long) (random.nextDouble() * (track.durationMs() - SHORTEST_PLAY_MS))
                    : track.durationMs();
            cursor += random.nextInt(LONGEST_PAUSE_BETWEEN_TRACKS_MS) + msPlayed;
            if (cursor <= last) {
                listens.add(new Listen(track, Instant.ofEpochMilli(cursor), msPlayed));
            }
        }

        private void playEpisode() {
            int show = weightedIndex(random, showWeights);
            long length = Math.round(Duration.ofMinutes(SHOWS.get(show).minutes()).toMillis()
                    * between(random, 0.8, 1.2));
            long msPlayed = random.nextDouble() < UNFINISHED_EPISODE_SHARE
                    ? Math.round(length * between(random, 0.2, 0.9)) : length;
            cursor += random.nextInt(LONGEST_PAUSE_BETWEEN_TRACKS_MS) + msPlayed;
            SampleEpisode episode = new SampleEpisode(SHOWS.get(show).name(),
                    "Ep. %d: %s".formatted(nextEpisode[show]++, names.episodeTopic()), EPISODE_URI + id(random),
                    Instant.ofEpochMilli(cursor), msPlayed);
            if (cursor <= last) {
                episodes.add(episode);
            }
        }
    }

    /** A track played, ending at {@code playedAt}. */
    private record Listen(Track track, Instant playedAt, long msPlayed) {

        /** The play in schema.json's columns; there is no context, and no link since the ids are invented. */
        Play toPlay(String listenerId, Instant uploadedAt) {
            Sound sound = track.sound();
            return new Play(track.id(), track.name(), track.artists(), playedAt, track.durationMs(),
                    track.trackDuration(), null, uploadedAt, Play.uniqueId(listenerId, playedAt),
                    sound.danceability(), sound.energy(), sound.key(), sound.loudness(), sound.mode(),
                    sound.speechiness(), sound.acousticness(), sound.instrumentalness(), sound.liveness(),
                    sound.valence(), sound.tempo(), sound.timeSignature(), listenerId, TRACK_URI + track.id(),
                    track.album().id(), track.album().name(), track.artistIds(), null, null, msPlayed,
                    PlaySource.SAMPLE);
        }
    }

    /** A track that takes over for some weeks: rises over a week, holds its peak, then fades. */
    private record Hit(int track, int startDay, int peakDays) {

        double strengthOn(int day) {
            int since = day - startDay;
            if (since < 0) {
                return 0;
            }
            if (since < HIT_RISE_DAYS) {
                return (since + 1) / (double) HIT_RISE_DAYS;
            }
            since -= HIT_RISE_DAYS;
            if (since < peakDays) {
                return 1;
            }
            return Math.max(0, 1 - (since - peakDays) / (double) HIT_FADE_DAYS);
        }
    }

    /**
     * Names put together from homely, slightly absurd words — kettles, otters, parsnips — so that they read as
     * invented at a glance. The lists leave out the words of well-known band names ("Stones", "Beatles", "Velvet",
     * "Paper Kites") and brands, and every name is given once.
     */
    private static final class InventedNames {

        private static final String[] ADJECTIVES = {
                "Amber", "Cobalt", "Drowsy", "Emerald", "Feathered", "Gilded", "Honeyed", "Idle", "Jade", "Lunar",
                "Mossy", "Quiet", "Rusty", "Saffron", "Woollen", "Wandering", "Copper", "Dusky", "Hollow", "Misty",
                "Pale", "Restless", "Sleepy", "Sunken", "Tangled", "Windswept", "Crooked", "Patient", "Borrowed",
                "Folded", "Distant", "Humble", "Lopsided"};
        /** Nouns whose plural is the noun and an "s". */
        private static final String[] NOUNS = {
                "Thimble", "Parsnip", "Kettle", "Lighthouse", "Gondola", "Turnip", "Lantern", "Pinecone", "Haystack",
                "Spindle", "Weathervane", "Otter", "Dumpling", "Acorn", "Quill", "Trombone", "Wheelbarrow",
                "Hedgehog", "Bramble", "Teacup", "Walnut", "Doorbell", "Snowglobe", "Raincoat", "Tugboat", "Saucepan",
                "Windmill", "Pebble", "Thistle", "Heron", "Badger", "Mitten", "Teaspoon", "Accordion", "Postcard",
                "Chimney", "Hammock", "Tadpole"};
        private static final String[] PLACES = {
                "Attic", "Orchard", "Harbour", "Cellar", "Meadow", "Station", "Valley", "Greenhouse", "Laundrette",
                "Allotment", "Tram Stop", "Boathouse"};
        private static final String[] TIMES = {
                "Tuesday", "Morning", "Midnight", "Summer", "October", "Evening", "Afternoon", "Winter", "Sunday"};
        private static final String[] VERBS = {
                "Chasing", "Painting", "Counting", "Folding", "Mending", "Borrowing", "Whistling at", "Dreaming of",
                "Waiting for", "Dancing with"};
        private static final String[] FIRST_NAMES = {
                "Ada", "Bruno", "Carmen", "Dario", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kalani", "Lena",
                "Mateo", "Nadia", "Oskar", "Priya", "Rafa", "Saoirse", "Tomas", "Uma", "Viggo", "Wen", "Yara",
                "Zofia"};
        private static final String[] SURNAME_STARTS = {
                "Bramble", "Quill", "Thistle", "Marrow", "Pebble", "Wren", "Cinder", "Moss", "Fennel", "Nettle",
                "Sorrel"};
        private static final String[] SURNAME_ENDS = {"wick", "worth", "ington", "dale", "combe", "ridge"};
        private static final String[] ENSEMBLES = {"Collective", "Orchestra", "Club", "Ensemble", "Trio", "Society"};

        private final Random random;
        private final Set<String> given = new HashSet<>();

        InventedNames(Random random) {
            this.random = random;
        }

        String artist() {
            return unique(() -> switch (random.nextInt(5)) {
                case 0 -> "The %s %s".formatted(any(ADJECTIVES), plural(any(NOUNS)));
                case 1 -> "%s %s".formatted(any(ADJECTIVES), any(NOUNS));
                case 2 -> "%s %s%s".formatted(any(FIRST_NAMES), any(SURNAME_STARTS), any(SURNAME_ENDS));
                case 3 -> "%s & the %s".formatted(any(NOUNS), plural(any(NOUNS)));
                default -> "%s %s %s".formatted(any(ADJECTIVES), any(NOUNS), any(ENSEMBLES));
            });
        }

        String track() {
            return unique(() -> switch (random.nextInt(6)) {
                case 0 -> "%s %s".formatted(any(ADJECTIVES), any(NOUNS));
                case 1 -> "%s in the %s".formatted(plural(any(NOUNS)), any(PLACES));
                case 2 -> "%s the %s".formatted(any(VERBS), any(NOUNS));
                case 3 -> "%s %s".formatted(any(ADJECTIVES), any(TIMES));
                case 4 -> "Song for the %s %s".formatted(any(ADJECTIVES), any(NOUNS));
                default -> "%s %s".formatted(any(TIMES), plural(any(NOUNS)));
            });
        }

        String album() {
            return unique(() -> switch (random.nextInt(4)) {
                case 0 -> "%s %s".formatted(any(ADJECTIVES), plural(any(NOUNS)));
                case 1 -> "Songs from the %s".formatted(any(PLACES));
                case 2 -> "%s Sessions".formatted(any(NOUNS));
                default -> "The %s %s".formatted(any(ADJECTIVES), any(TIMES));
            });
        }

        String episodeTopic() {
            return unique(() -> switch (random.nextInt(5)) {
                case 0 -> "Why %s Matter".formatted(plural(any(NOUNS)));
                case 1 -> "The Secret Life of %s".formatted(plural(any(NOUNS)));
                case 2 -> "A Short History of the %s".formatted(any(NOUNS));
                case 3 -> "%s %s, Explained".formatted(any(ADJECTIVES), plural(any(NOUNS)));
                default -> "Letters from the %s".formatted(any(PLACES));
            });
        }

        private String unique(Supplier<String> invent) {
            String name = invent.get();
            while (!given.add(name)) {
                name = invent.get();
            }
            return name;
        }

        private String any(String[] words) {
            return words[random.nextInt(words.length)];
        }

        private static String plural(String noun) {
            return noun + "s";
        }
    }
}
