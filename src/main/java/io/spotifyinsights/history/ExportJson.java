package io.spotifyinsights.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.ObjectReadContext;

/**
 * Reads the JSON files of a privacy export record by record with Jackson's streaming parser: a file of any size
 * takes the memory of one record.
 */
final class ExportJson {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final DateTimeFormatter ACCOUNT_DATA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private ExportJson() {
    }

    /** What a whole pass over a file found. */
    record Scan(long records, Instant from, Instant to) {
    }

    /**
     * Reads a whole file to check it is the history its name says, before anything of it is stored.
     *
     * @throws ExportFormatException naming the file (and the record) when it is not JSON, is cut short, or holds
     *                               records that are not of its kind
     */
    static Scan scan(Path file, String name, ExportKind kind) {
        long records = 0;
        Instant from = null;
        Instant to = null;
        try (Cursor cursor = new Cursor(file, name, kind)) {
            ExportRecord record;
            while ((record = cursor.next()) != null) {
                records++;
                if (from == null || record.endedAt().isBefore(from)) {
                    from = record.endedAt();
                }
                if (to == null || record.endedAt().isAfter(to)) {
                    to = record.endedAt();
                }
            }
        }
        return new Scan(records, from, to);
    }

    /**
     * The kind a file's first record says, for a file whose name is none of Spotify's; null when it is no
     * streaming history (or no JSON at all).
     */
    static ExportKind sniff(Path file) {
        try (InputStream in = Files.newInputStream(file);
                JsonParser parser = JSON.createParser(ObjectReadContext.empty(), in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY || parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            java.util.Set<String> names = new java.util.HashSet<>();
            String field;
            while ((field = parser.nextName()) != null) {
                names.add(field);
                parser.nextToken();
                parser.skipChildren();
            }
            if (names.contains("ts") && names.contains("ms_played")) {
                return ExportKind.EXTENDED_AUDIO;
            }
            if (names.contains("endTime") && names.contains("trackName")) {
                return ExportKind.ACCOUNT_MUSIC;
            }
            if (names.contains("endTime") && names.contains("podcastName")) {
                return ExportKind.ACCOUNT_PODCAST;
            }
            return null;
        } catch (IOException | JacksonException e) {
            return null;
        }
    }

    /** The records of one file in order; {@link #next()} gives null at the end. */
    static final class Cursor implements AutoCloseable {

        private final String name;
        private final ExportKind kind;
        private final InputStream in;
        private final JsonParser parser;
        private final Map<String, Integer> seenPerMinute = new HashMap<>();
        private long index;
        private boolean ended;

        Cursor(Path file, String name, ExportKind kind) {
            this.name = name;
            this.kind = kind;
            try {
                this.in = Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not open " + name, e);
            }
            try {
                this.parser = JSON.createParser(ObjectReadContext.empty(), in);
                JsonToken first = parser.nextToken();
                if (first != JsonToken.START_ARRAY) {
                    throw new ExportFormatException(("%s is not %s: it should hold a JSON array of records, but it "
                            + "starts with %s.").formatted(name, kind.description(), describe(first)));
                }
            } catch (StreamReadException e) {
                close();
                throw notJson(e);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /** The records before {@code count} are read and passed over (a resumed import). */
        void skip(long count) {
            while (index < count && next() != null) {
                // Reading is the only way past a record; the per-minute counts need it anyway.
            }
        }

        ExportRecord next() {
            if (ended) {
                return null;
            }
            try {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY) {
                    ended = true;
                    if (parser.nextToken() != null) {
                        throw new ExportFormatException("%s has more after its array of records; it is not %s."
                                .formatted(name, kind.description()));
                    }
                    return null;
                }
                if (token == null) {
                    throw new ExportFormatException(("%s ends after record %d without closing its array: the file is "
                            + "cut short. Download or unpack it again.").formatted(name, index));
                }
                if (token != JsonToken.START_OBJECT) {
                    throw new ExportFormatException("Record %d of %s is %s, not a record of %s.".formatted(index,
                            name, describe(token), kind.description()));
                }
                ExportRecord record = kind.extended() ? extended() : accountData();
                index++;
                return record;
            } catch (StreamReadException e) {
                throw notJson(e);
            }
        }

        private ExportRecord extended() {
            String ts = null;
            Long msPlayed = null;
            String track = null;
            String artist = null;
            String album = null;
            String trackUri = null;
            String episode = null;
            String show = null;
            String episodeUri = null;
            String audiobook = null;
            String chapterUri = null;
            String chapter = null;
            Boolean incognito = null;
            String field;
            while ((field = parser.nextName()) != null) {
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "ts" -> ts = text(value, field);
                    case "ms_played" -> msPlayed = number(value, field);
                    case "master_metadata_track_name" -> track = text(value, field);
                    case "master_metadata_album_artist_name" -> artist = text(value, field);
                    case "master_metadata_album_album_name" -> album = text(value, field);
                    case "spotify_track_uri" -> trackUri = text(value, field);
                    case "episode_name" -> episode = text(value, field);
                    case "episode_show_name" -> show = text(value, field);
                    case "spotify_episode_uri" -> episodeUri = text(value, field);
                    case "audiobook_title" -> audiobook = text(value, field);
                    case "audiobook_chapter_uri" -> chapterUri = text(value, field);
                    case "audiobook_chapter_title" -> chapter = text(value, field);
                    case "incognito_mode" -> incognito = bool(value, field);
                    default -> parser.skipChildren();
                }
            }
            if (ts == null || msPlayed == null) {
                throw unexpected("ts and ms_played");
            }
            Instant endedAt;
            try {
                endedAt = utc(ts);
            } catch (DateTimeParseException e) {
                throw new ExportFormatException("Record %d of %s has ts '%s', which is not a UTC time like "
                        .formatted(index, name, clip(ts)) + "2024-05-01T13:45:12Z.");
            }
            return new ExportRecord(kind, index, endedAt, msPlayed, track, artist, album, trackUri, episode, show,
                    episodeUri, audiobook, chapterUri, chapter, incognito);
        }

        private ExportRecord accountData() {
            String endTime = null;
            Long msPlayed = null;
            String track = null;
            String artist = null;
            String episode = null;
            String show = null;
            String field;
            while ((field = parser.nextName()) != null) {
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "endTime" -> endTime = text(value, field);
                    case "msPlayed" -> msPlayed = number(value, field);
                    case "trackName" -> track = text(value, field);
                    case "artistName" -> artist = text(value, field);
                    case "episodeName" -> episode = text(value, field);
                    case "podcastName" -> show = text(value, field);
                    default -> parser.skipChildren();
                }
            }
            boolean podcast = kind == ExportKind.ACCOUNT_PODCAST;
            if (endTime == null || msPlayed == null) {
                throw unexpected(podcast ? "endTime, podcastName and msPlayed" : "endTime, trackName and msPlayed");
            }
            LocalDateTime minute;
            try {
                minute = LocalDateTime.parse(endTime, ACCOUNT_DATA_TIME);
            } catch (DateTimeParseException e) {
                throw new ExportFormatException("Record %d of %s has endTime '%s', which is not a time like "
                        .formatted(index, name, clip(endTime)) + "2024-05-01 13:45.");
            }
            // Plays ending in the same minute keep apart by their order in the file, the same on every import.
            int before = seenPerMinute.merge(endTime, 1, Integer::sum) - 1;
            Instant endedAt = minute.toInstant(ZoneOffset.UTC).plusMillis(Math.min(before, 59_999));
            return new ExportRecord(kind, index, endedAt, msPlayed, podcast ? null : track, podcast ? null : artist,
                    null, null, episode, show, null, null, null, null, null);
        }

        private ExportFormatException unexpected(String fields) {
            return new ExportFormatException(("Record %d of %s has no %s: it is not a record of %s. Is this the file "
                    + "Spotify sent, unchanged?").formatted(index, name, fields, kind.description()));
        }

        private String text(JsonToken value, String field) {
            if (value == JsonToken.VALUE_NULL) {
                return null;
            }
            if (value != JsonToken.VALUE_STRING) {
                throw wrongType(field, value, "text");
            }
            return parser.getString();
        }

        private Long number(JsonToken value, String field) {
            if (value == JsonToken.VALUE_NULL) {
                return null;
            }
            if (value == JsonToken.VALUE_NUMBER_INT) {
                return parser.getLongValue();
            }
            if (value == JsonToken.VALUE_STRING) {
                try {
                    return Long.parseLong(parser.getString().strip());
                } catch (NumberFormatException e) {
                    throw wrongType(field, value, "a whole number");
                }
            }
            throw wrongType(field, value, "a whole number");
        }

        private Boolean bool(JsonToken value, String field) {
            return switch (value) {
                case VALUE_NULL -> null;
                case VALUE_TRUE -> true;
                case VALUE_FALSE -> false;
                default -> throw wrongType(field, value, "true or false");
            };
        }

        private ExportFormatException wrongType(String field, JsonToken value, String expected) {
            parser.skipChildren();
            return new ExportFormatException("Record %d of %s has %s %s where %s belongs.".formatted(index, name,
                    field, describe(value), expected));
        }

        private ExportFormatException notJson(JacksonException e) {
            String where = e.getLocation() == null ? "" : " (line %d, column %d)".formatted(
                    e.getLocation().getLineNr(), e.getLocation().getColumnNr());
            String original = String.valueOf(e.getOriginalMessage());
            String what = original.contains("end-of-input")
                    ? "%s is cut short in record %d%s".formatted(name, index, where)
                    : index == 0 ? "%s is not JSON%s".formatted(name, where)
                    : "%s stops being JSON in record %d%s".formatted(name, index, where);
            return new ExportFormatException(what + ": " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + ". Unpack or download the export again; nothing of this file was imported.", e);
        }

        @Override
        public void close() {
            try {
                if (parser != null) {
                    parser.close();
                }
            } catch (JacksonException e) {
                // Closing a parser over a file only closes the file.
            } finally {
                try {
                    in.close();
                } catch (IOException e) {
                    // Read-only: nothing to lose.
                }
            }
        }
    }

    /**
     * {@link Instant#parse}, by hand for the form every extended-history record has ({@code 2024-05-01T13:45:12Z}):
     * the parser is the costliest part of reading a record, and each is read twice. Anything else, or a field out
     * of range, goes to {@code Instant.parse}, which gives the same instant or the same refusal.
     */
    static Instant utc(String ts) {
        if (ts.length() != 20 || ts.charAt(4) != '-' || ts.charAt(7) != '-' || ts.charAt(10) != 'T'
                || ts.charAt(13) != ':' || ts.charAt(16) != ':' || ts.charAt(19) != 'Z') {
            return Instant.parse(ts);
        }
        int year = number(ts, 0, 4);
        int month = number(ts, 5, 7);
        int day = number(ts, 8, 10);
        int hour = number(ts, 11, 13);
        int minute = number(ts, 14, 16);
        int second = number(ts, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            // Not digits, or out of range (a leap second among them): the parser decides.
            return Instant.parse(ts);
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            // A day the month does not have.
            return Instant.parse(ts);
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second);
    }

    /** The digits of {@code text} from {@code start} to {@code end} as a number; -1 when one is not a digit. */
    private static int number(String text, int start, int end) {
        int value = 0;
        for (int i = start; i < end; i++) {
            char digit = text.charAt(i);
            if (digit < '0' || digit > '9') {
                return -1;
            }
            value = value * 10 + (digit - '0');
        }
        return value;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing (the file is empty)";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true/false";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase();
        };
    }

    private static String clip(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
