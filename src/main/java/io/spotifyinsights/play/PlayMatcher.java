package io.spotifyinsights.play;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Tells whether a play arriving from one source is a play the warehouse already holds from another, so each play
 * is stored once whatever the order and overlap of the sources.
 *
 * <p>Three sources know a play differently. Spotify's API gives an exact time (not quite the export's: sometimes
 * the start, sometimes the end of the play) and the track id; the extended streaming history gives the time the
 * stream stopped and the track URI; the account data gives the minute and the names only. A play arriving from one
 * is the same as a stored play that another source brought when it is the same track (by id when both have one,
 * else by track and first artist name) and their times differ by less than the tolerance (plus the minute the
 * account data cuts off). The incoming play is then stored under the stored play's key, and the warehouse merges
 * the two, keeping what each knows (see the load in {@code warehouse}). A play a source already brought — the same
 * file imported again, the same record in two files — is a duplicate and is not stored again.
 *
 * <p>The stored plays are held in columns of primitives, about 60 bytes a play, so a history of millions fits.
 * Not thread-safe: one matcher serves one import step or one run.
 */
public final class PlayMatcher {

    /** How a play arrived; the source and whether it has a track URI tell it. */
    public enum Arrival {
        API, EXTENDED_HISTORY, ACCOUNT_DATA;

        public static Arrival of(PlaySource source, String trackUri) {
            if (source == PlaySource.API) {
                return API;
            }
            return trackUri == null ? ACCOUNT_DATA : EXTENDED_HISTORY;
        }

        public static Arrival of(Play play) {
            return of(play.source(), play.trackUri());
        }

        private int bit() {
            return 1 << ordinal();
        }
    }

    public enum Outcome {
        /** Not stored yet: store it under its own key. */
        NEW,
        /** The same play as a stored one that lacks what this one knows: store it under that play's key. */
        SAME_AS_STORED,
        /** Already stored with what this one knows: nothing to store. */
        DUPLICATE
    }

    public record Match(Outcome outcome, String uniqueId) {
    }

    private static final long MINUTE = 60_000;
    private static final Match NEW = new Match(Outcome.NEW, null);

    private static final int FROM_API = 1;
    private static final int FROM_EXPORT = 2;
    private static final int MINUTE_ONLY = 4;
    private static final int OWN_IMPORT = 8;

    private final String listenerId;
    private final long tolerance;
    private final Instant ownUploadTimestamp;

    private int size;
    private long[] times = new long[1024];
    private long[] keys = new long[1024];
    private long[] trackIds = new long[1024];
    private long[] names = new long[1024];
    private long[] msPlayed = new long[1024];
    private byte[] flags = new byte[1024];
    private byte[] claims = new byte[1024];
    private boolean sorted = true;
    /** Incoming records this matcher already matched, so a record seen twice is a duplicate the second time. */
    private final Map<RecordKey, String> matched = new HashMap<>();

    private record RecordKey(Arrival arrival, long time, long track, long msPlayed) {
    }

    /**
     * @param ownUploadTimestamp the {@code upload_timestamp} of the plays the caller itself stores (an import's start);
     *                           stored plays of it that arrived the same way are ignored, so an import resumed after a
     *                           crash decides as it did the first time. Null for none.
     */
    public PlayMatcher(String listenerId, Duration tolerance, Instant ownUploadTimestamp) {
        this.listenerId = Objects.requireNonNull(listenerId);
        this.tolerance = tolerance.toMillis();
        this.ownUploadTimestamp = ownUploadTimestamp;
    }

    /** Adds a play of the listener the warehouse holds. Cheapest in {@code played_at} order. */
    public void add(StoredPlay play) {
        if (size == times.length) {
            grow();
        }
        long time = play.playedAt().toEpochMilli();
        if (size > 0 && time < times[size - 1]) {
            sorted = false;
        }
        times[size] = time;
        keys[size] = keyMillis(play.uniqueId());
        trackIds[size] = hash(play.trackId());
        names[size] = nameKey(play.trackName(), play.artists());
        msPlayed[size] = play.msPlayed() == null ? -1 : play.msPlayed();
        int flag = 0;
        if (play.source() == PlaySource.API) {
            flag |= FROM_API;
        }
        if (play.msPlayed() != null) {
            flag |= FROM_EXPORT;
        }
        if (play.source() == PlaySource.IMPORT && play.trackUri() == null) {
            flag |= MINUTE_ONLY;
        }
        // Files keep times to the millisecond.
        if (ownUploadTimestamp != null && play.uploadTimestamp() != null
                && ownUploadTimestamp.toEpochMilli() == play.uploadTimestamp().toEpochMilli()) {
            flag |= OWN_IMPORT;
        }
        flags[size] = (byte) flag;
        size++;
    }

    public int size() {
        return size;
    }

    /** Decides what to do with an incoming play of the listener. */
    public Match match(Play incoming) {
        if (!listenerId.equals(incoming.listenerId())) {
            throw new IllegalArgumentException("This matcher holds the plays of another listener");
        }
        sortIfNeeded();
        Arrival arrival = Arrival.of(incoming);
        long time = incoming.playedAt().toEpochMilli();
        long trackId = hash(incoming.trackId());
        long name = nameKey(incoming.trackName(), incoming.artists());
        long ms = incoming.msPlayed() == null ? -1 : incoming.msPlayed();
        RecordKey record = new RecordKey(arrival, time, trackId != 0 ? trackId : name, ms);
        String seen = matched.get(record);
        if (seen != null) {
            return new Match(Outcome.DUPLICATE, seen);
        }

        int duplicate = -1;
        int same = -1;
        long reach = tolerance + MINUTE;
        for (int i = firstAtOrAfter(time - reach); i < size && times[i] <= time + reach; i++) {
            if ((flags[i] & OWN_IMPORT) != 0 && arrivedAs(i) == arrival) {
                continue;
            }
            if (duplicate < 0 && isDuplicate(i, arrival, time, trackId, name, ms)) {
                duplicate = i;
            } else if (isSamePlay(i, arrival, time, trackId, name)
                    && (same < 0 || Math.abs(times[i] - time) < Math.abs(times[same] - time))) {
                same = i;
            }
        }
        if (duplicate >= 0) {
            return remember(record, new Match(Outcome.DUPLICATE, uniqueId(duplicate)));
        }
        if (same < 0) {
            return NEW;
        }
        claims[same] |= (byte) arrival.bit();
        boolean addsNothing = arrival == Arrival.ACCOUNT_DATA && (flags[same] & FROM_EXPORT) != 0;
        // What the stored play knows from now on: a second copy of this record is a duplicate of it.
        flags[same] |= (byte) (arrival == Arrival.API ? FROM_API : FROM_EXPORT);
        if (arrival == Arrival.EXTENDED_HISTORY) {
            msPlayed[same] = ms;
        }
        return remember(record, new Match(addsNothing ? Outcome.DUPLICATE : Outcome.SAME_AS_STORED, uniqueId(same)));
    }

    private Match remember(RecordKey record, Match match) {
        matched.put(record, match.uniqueId());
        return match;
    }

    /** The same record again: the same way of arriving, the same track and time and time played. */
    private boolean isDuplicate(int i, Arrival arrival, long time, long trackId, long name, long ms) {
        int flag = flags[i];
        return switch (arrival) {
            case API -> (flag & FROM_API) != 0 && keys[i] == time;
            case EXTENDED_HISTORY -> (flag & FROM_EXPORT) != 0 && (flag & MINUTE_ONLY) == 0 && msPlayed[i] == ms
                    && sameTrack(i, trackId, name) && Math.abs(times[i] - time) < tolerance;
            case ACCOUNT_DATA -> (flag & MINUTE_ONLY) != 0 && msPlayed[i] == ms && names[i] == name
                    && minuteOf(times[i]) == minuteOf(time);
        };
    }

    /** The same play as another source brought it, not yet claimed by a play arriving this way. */
    private boolean isSamePlay(int i, Arrival arrival, long time, long trackId, long name) {
        int flag = flags[i];
        if ((claims[i] & arrival.bit()) != 0) {
            return false;
        }
        boolean minuteOnly = (flag & MINUTE_ONLY) != 0;
        return switch (arrival) {
            case API -> (flag & FROM_API) == 0 && sameTrack(i, trackId, name)
                    && (minuteOnly ? withinMinute(time, times[i]) : Math.abs(times[i] - time) < tolerance);
            case EXTENDED_HISTORY -> minuteOnly ? names[i] == name && withinMinute(time, times[i])
                    : (flag & FROM_EXPORT) == 0 && sameTrack(i, trackId, name)
                            && Math.abs(times[i] - time) < tolerance;
            case ACCOUNT_DATA -> !minuteOnly && names[i] == name && withinMinute(times[i], time);
        };
    }

    private Arrival arrivedAs(int i) {
        if ((flags[i] & MINUTE_ONLY) != 0) {
            return Arrival.ACCOUNT_DATA;
        }
        return (flags[i] & FROM_API) != 0 ? Arrival.API : Arrival.EXTENDED_HISTORY;
    }

    private boolean sameTrack(int i, long trackId, long name) {
        return trackId != 0 && trackIds[i] != 0 ? trackIds[i] == trackId : names[i] == name;
    }

    /** An exact time within the tolerance of the minute an account-data play names (which cuts the seconds off). */
    private boolean withinMinute(long exact, long minuteTime) {
        long minute = minuteOf(minuteTime);
        return exact >= minute - tolerance && exact < minute + MINUTE + tolerance;
    }

    private static long minuteOf(long time) {
        return Math.floorDiv(time, MINUTE) * MINUTE;
    }

    private String uniqueId(int i) {
        return listenerId + "-" + keys[i];
    }

    private int firstAtOrAfter(long time) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (times[mid] < time) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private void sortIfNeeded() {
        if (sorted) {
            return;
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b]));
        times = permute(times, order);
        keys = permute(keys, order);
        trackIds = permute(trackIds, order);
        names = permute(names, order);
        msPlayed = permute(msPlayed, order);
        byte[] sortedFlags = new byte[flags.length];
        byte[] sortedClaims = new byte[claims.length];
        for (int i = 0; i < size; i++) {
            sortedFlags[i] = flags[order[i]];
            sortedClaims[i] = claims[order[i]];
        }
        flags = sortedFlags;
        claims = sortedClaims;
        sorted = true;
    }

    private long[] permute(long[] values, Integer[] order) {
        long[] result = new long[values.length];
        for (int i = 0; i < size; i++) {
            result[i] = values[order[i]];
        }
        return result;
    }

    private void grow() {
        int capacity = times.length * 2;
        times = Arrays.copyOf(times, capacity);
        keys = Arrays.copyOf(keys, capacity);
        trackIds = Arrays.copyOf(trackIds, capacity);
        names = Arrays.copyOf(names, capacity);
        msPlayed = Arrays.copyOf(msPlayed, capacity);
        flags = Arrays.copyOf(flags, capacity);
        claims = Arrays.copyOf(claims, capacity);
    }

    /** The time part of a key ({@code listener-<epoch millis>}): every key the service writes ends so. */
    private long keyMillis(String uniqueId) {
        if (!uniqueId.startsWith(listenerId + "-")) {
            throw new IllegalArgumentException("A stored play of another listener: " + uniqueId);
        }
        return Long.parseLong(uniqueId.substring(listenerId.length() + 1));
    }

    /** Track and first artist, ignoring case and spacing: what the account data's names can be compared by. */
    static long nameKey(String trackName, String artists) {
        String firstArtist = artists == null ? "" : artists;
        int comma = firstArtist.indexOf(", ");
        if (comma >= 0) {
            firstArtist = firstArtist.substring(0, comma);
        }
        return hash(normalize(trackName) + '\u001f' + normalize(firstArtist));
    }

    private static String normalize(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }

    /** 64-bit FNV-1a; 0 for null, so "no id" never equals an id. */
    static long hash(String text) {
        if (text == null) {
            return 0;
        }
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash == 0 ? 1 : hash;
    }
}
