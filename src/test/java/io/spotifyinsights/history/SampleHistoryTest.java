package io.spotifyinsights.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.spotifyinsights.history.SampleHistory.SampleEpisode;
import io.spotifyinsights.play.Play;
import io.spotifyinsights.play.PlayCsvReader;
import io.spotifyinsights.play.SchemaCsvWriter;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.TableSchema;
import io.spotifyinsights.play.PlaySource;

class SampleHistoryTest {

    private static final String LISTENER = "new-listener";
    private static final Instant END = Instant.parse("2026-11-20T21:17:43.512Z");
    private static final Instant UPLOADED_AT = Instant.parse("2026-11-20T21:20:00Z");
    private static final long SEED = 20261120L;
    private static final Duration TWO_YEARS = Duration.ofDays(730);
    private static final String INVENTED_ID = "[0-9A-Za-z]{22}";

    private static final List<Play> PLAYS = SampleHistory.plays(LISTENER, END, UPLOADED_AT, SEED);
    private static final List<SampleEpisode> EPISODES = SampleHistory.episodes(LISTENER, END, SEED);

    @Test
    void holdsAboutTwentyFiveThousandPlays() {
        assertThat(PLAYS).hasSizeBetween(20_000, 30_000);
    }

    @Test
    void spansTheTwoYearsEndingAtTheGivenEnd() {
        Instant start = END.minus(TWO_YEARS);
        Instant firstEnded = PLAYS.stream().map(Play::playedAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant lastEnded = PLAYS.stream().map(Play::playedAt).max(Comparator.naturalOrder()).orElseThrow();

        assertThat(PLAYS).filteredOn(play -> play.playedAt().isAfter(END)).isEmpty();
        assertThat(PLAYS).filteredOn(play -> play.playedAt().minusMillis(play.msPlayed()).isBefore(start)).isEmpty();
        assertThat(firstEnded).isBefore(start.plus(Duration.ofDays(7)));
        assertThat(lastEnded).isAfter(END.minus(Duration.ofDays(7)));
    }

    @Test
    void everyPlayEndsAtItsOwnMillisecondAndHasItsOwnKey() {
        assertThat(PLAYS.stream().map(play -> play.playedAt().toEpochMilli()).distinct()).hasSameSizeAs(PLAYS);
        assertThat(PLAYS.stream().map(Play::uniqueId).distinct()).hasSameSizeAs(PLAYS);
        assertThat(PLAYS).filteredOn(play -> !play.uniqueId().equals(LISTENER + "-" + play.playedAt().toEpochMilli()))
                .isEmpty();
    }

    /** Each play starts (its end less what was played) no earlier than the play before it ended. */
    @Test
    void playsNeverOverlap() {
        List<Play> byEnd = PLAYS.stream().sorted(Comparator.comparing(Play::playedAt)).toList();

        List<String> overlapping = new ArrayList<>();
        for (int i = 1; i < byEnd.size(); i++) {
            Play earlier = byEnd.get(i - 1);
            Play later = byEnd.get(i);
            if (later.playedAt().minusMillis(later.msPlayed()).isBefore(earlier.playedAt())) {
                overlapping.add(later.uniqueId() + " starts before " + earlier.uniqueId() + " ended");
            }
        }
        assertThat(overlapping).isEmpty();
        assertThat(PLAYS).as("returned oldest first").isEqualTo(byEnd);
    }

    @Test
    void eveningsHoldFarMorePlaysAnHourThanTheNight() {
        Map<Integer, Long> byHour = PLAYS.stream()
                .collect(Collectors.groupingBy(play -> hourOf(play.playedAt()), Collectors.counting()));
        double eveningPerHour = sum(byHour, 18, 23) / 6.0;
        double nightPerHour = sum(byHour, 2, 5) / 4.0;

        assertThat(eveningPerHour).isGreaterThan(3 * nightPerHour);
    }

    @Test
    void weekendsStartLaterAndHoldALittleMore() {
        Map<Boolean, List<Play>> byWeekend = PLAYS.stream()
                .collect(Collectors.partitioningBy(play -> weekend(dateOf(play.playedAt()))));
        long weekendDays = daysInWindow(true);
        long weekdays = daysInWindow(false);

        double weekendPerDay = byWeekend.get(true).size() / (double) weekendDays;
        double weekdayPerDay = byWeekend.get(false).size() / (double) weekdays;
        assertThat(weekendPerDay).isGreaterThan(weekdayPerDay).isLessThan(1.5 * weekdayPerDay);
        assertThat(morningShare(byWeekend.get(true))).isLessThan(morningShare(byWeekend.get(false)) / 2);
    }

    @Test
    void someDaysHaveNothingAndMostHaveSomething() {
        long daysWithPlays = PLAYS.stream().map(play -> dateOf(play.playedAt())).distinct().count();

        assertThat(daysWithPlays).isBetween(600L, 725L);
    }

    @Test
    void aFewTracksHoldALargeShareOfALargeLibrary() {
        Map<String, Long> byTrack = PLAYS.stream().collect(Collectors.groupingBy(Play::trackId, Collectors.counting()));
        long topTen = byTrack.values().stream().sorted(Comparator.reverseOrder()).limit(10)
                .mapToLong(Long::longValue).sum();
        long artists = PLAYS.stream().flatMap(play -> Set.of(play.artistIds().split(",")).stream()).distinct().count();

        assertThat(topTen).isGreaterThan(PLAYS.size() / 10);
        assertThat(byTrack).hasSizeBetween(1_000, 1_500);
        assertThat(artists).isBetween(200L, 250L);
    }

    @Test
    void theTopTenChangesOverTime() {
        Instant start = END.minus(TWO_YEARS);
        Set<String> firstQuarter = topTen(start, start.plus(Duration.ofDays(91)));
        Set<String> lastQuarter = topTen(END.minus(Duration.ofDays(91)), END);

        assertThat(firstQuarter).hasSize(10).isNotEqualTo(lastQuarter);
    }

    @Test
    void theSameSeedGivesTheSameHistoryAndAnotherSeedAnother() {
        assertThat(SampleHistory.plays(LISTENER, END, UPLOADED_AT, SEED)).isEqualTo(PLAYS);
        assertThat(SampleHistory.episodes(LISTENER, END, SEED)).isEqualTo(EPISODES);

        List<Play> other = SampleHistory.plays(LISTENER, END, UPLOADED_AT, SEED + 1);
        assertThat(other).isNotEqualTo(PLAYS);
        assertThat(other.stream().map(Play::trackName).collect(Collectors.toSet()))
                .isNotEqualTo(PLAYS.stream().map(Play::trackName).collect(Collectors.toSet()));
    }

    @Test
    void playsAreMarkedAsSampleAndLinkNowhere() {
        assertThat(PLAYS).extracting(Play::source).containsOnly(PlaySource.SAMPLE);
        assertThat(PLAYS).extracting(Play::listenerId).containsOnly(LISTENER);
        assertThat(PLAYS).extracting(Play::uploadTimestamp).containsOnly(UPLOADED_AT);
        assertThat(PLAYS).extracting(Play::spotifyUrl).containsOnlyNulls();
        assertThat(PLAYS).filteredOn(play -> !play.trackId().matches(INVENTED_ID)
                || !play.trackUri().equals("spotify:track:" + play.trackId())
                || !play.albumId().matches(INVENTED_ID)
                || !play.artistIds().matches(INVENTED_ID + "(," + INVENTED_ID + ")?")
                || play.trackName().isBlank() || play.albumName().isBlank()).isEmpty();
    }

    @Test
    void tracksLastTwoToSevenMinutesAndMostArePlayedToTheEnd() {
        long twoMinutes = Duration.ofMinutes(2).toMillis();
        long sevenMinutes = Duration.ofMinutes(7).toMillis();
        assertThat(PLAYS).filteredOn(play -> play.durationMs() < twoMinutes || play.durationMs() > sevenMinutes
                || !play.trackDuration().equals(Play.trackDuration(play.durationMs()))
                || play.msPlayed() < 30_000 || play.msPlayed() > play.durationMs()).isEmpty();
        long playedToTheEnd = PLAYS.stream().filter(play -> play.msPlayed().equals(play.durationMs())).count();
        assertThat(playedToTheEnd).isGreaterThan(PLAYS.size() * 7 / 10).isLessThan(PLAYS.size());
    }

    @Test
    void audioFeaturesAreInSpotifysRangesAndTheSameForEveryPlayOfATrack() {
        Map<String, Set<List<Object>>> versionsByTrack = PLAYS.stream().collect(Collectors.groupingBy(Play::trackId,
                Collectors.mapping(SampleHistoryTest::whatATrackIs, Collectors.toSet())));
        Collection<Play> onePlayATrack = PLAYS.stream()
                .collect(Collectors.toMap(Play::trackId, play -> play, (first, second) -> first)).values();

        assertThat(versionsByTrack.values()).allSatisfy(versions -> assertThat(versions).hasSize(1));
        assertThat(onePlayATrack).allSatisfy(play -> {
            assertThat(List.of(play.danceability(), play.energy(), play.speechiness(), play.acousticness(),
                    play.instrumentalness(), play.liveness(), play.valence()))
                    .allSatisfy(feature -> assertThat(feature).isBetween(0.0, 1.0));
            assertThat(play.key()).isBetween(-1, 11);
            assertThat(play.loudness()).isBetween(-30.0, 0.0);
            assertThat(play.mode()).isIn(0, 1);
            assertThat(play.tempo()).isBetween(60.0, 200.0);
            assertThat(play.timeSignature()).isBetween(3, 7);
        });
    }

    @Test
    void artistsAndAlbumsKeepOneIdEachAndOneNamePerId() {
        Map<String, Set<String>> idsByArtist = new HashMap<>();
        Map<String, Set<String>> artistsById = new HashMap<>();
        List<String> miscredited = new ArrayList<>();
        for (Play play : PLAYS) {
            String[] names = play.artists().split(", ");
            String[] ids = play.artistIds().split(",");
            if (names.length != ids.length || names.length > 2) {
                miscredited.add(play.artists() + " / " + play.artistIds());
                continue;
            }
            for (int i = 0; i < names.length; i++) {
                idsByArtist.computeIfAbsent(names[i], name -> new HashSet<>()).add(ids[i]);
                artistsById.computeIfAbsent(ids[i], id -> new HashSet<>()).add(names[i]);
            }
        }
        Map<String, Set<String>> namesByAlbum = PLAYS.stream().collect(Collectors.groupingBy(Play::albumId,
                Collectors.mapping(Play::albumName, Collectors.toSet())));

        assertThat(miscredited).isEmpty();
        assertThat(idsByArtist.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        assertThat(artistsById.values()).allSatisfy(names -> assertThat(names).hasSize(1));
        assertThat(namesByAlbum.values()).allSatisfy(names -> assertThat(names).hasSize(1));
        assertThat(PLAYS).anySatisfy(play -> assertThat(play.artists()).contains(", "));
    }

    @Test
    void everyPlayGoesThroughTheCsvFilesUnchanged() throws IOException {
        PlayFields fields = new PlayFields(TableSchema.load());
        StringWriter csv = new StringWriter();
        try (var writer = new SchemaCsvWriter<>(fields, csv)) {
            PLAYS.forEach(writer::write);
        }

        List<Play> back = new PlayCsvReader(fields).readAll(new StringReader(csv.toString()), "sample.csv");

        assertThat(back).isEqualTo(PLAYS);
    }

    @Test
    void aHandfulOfShowsMakeUpAFewPercentOfTheListening() {
        long musicMs = PLAYS.stream().mapToLong(Play::msPlayed).sum();
        long episodeMs = EPISODES.stream().mapToLong(SampleEpisode::msPlayed).sum();
        double episodeShare = episodeMs / (double) (musicMs + episodeMs);

        assertThat(EPISODES).hasSizeBetween(40, 400);
        assertThat(episodeShare).isBetween(0.02, 0.07);
        assertThat(EPISODES.stream().map(SampleEpisode::showName).distinct().count()).isBetween(3L, 8L);
        assertThat(EPISODES).allSatisfy(episode -> {
            assertThat(episode.showName()).isNotBlank();
            assertThat(episode.episodeName()).isNotBlank();
            assertThat(episode.episodeUri()).matches("spotify:episode:" + INVENTED_ID);
            assertThat(episode.playedAt()).isBetween(END.minus(TWO_YEARS), END);
            assertThat(episode.msPlayed()).isPositive();
        });
        assertThat(EPISODES.stream().map(SampleEpisode::episodeUri).distinct()).hasSameSizeAs(EPISODES);
    }

    @Test
    void episodesFitBetweenThePlays() {
        record Span(Instant start, Instant end) {
        }
        List<Span> spans = Stream.concat(
                        PLAYS.stream().map(play -> new Span(play.playedAt().minusMillis(play.msPlayed()),
                                play.playedAt())),
                        EPISODES.stream().map(episode -> new Span(episode.playedAt().minusMillis(episode.msPlayed()),
                                episode.playedAt())))
                .sorted(Comparator.comparing(Span::end))
                .toList();

        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i).start()).isAfterOrEqualTo(spans.get(i - 1).end());
        }
    }

    private static Set<String> topTen(Instant from, Instant to) {
        Map<String, Long> byTrack = PLAYS.stream()
                .filter(play -> !play.playedAt().isBefore(from) && play.playedAt().isBefore(to))
                .collect(Collectors.groupingBy(Play::trackId, Collectors.counting()));
        return byTrack.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private static List<Object> whatATrackIs(Play play) {
        return List.of(play.trackName(), play.artists(), play.artistIds(), play.albumId(), play.durationMs(),
                play.danceability(), play.energy(), play.key(), play.loudness(), play.mode(), play.speechiness(),
                play.acousticness(), play.instrumentalness(), play.liveness(), play.valence(), play.tempo(),
                play.timeSignature());
    }

    private static int hourOf(Instant instant) {
        return ZonedDateTime.ofInstant(instant, ZoneOffset.UTC).getHour();
    }

    private static LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static boolean weekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static long daysInWindow(boolean weekend) {
        return dateOf(END.minus(TWO_YEARS)).datesUntil(dateOf(END).plusDays(1))
                .filter(date -> weekend(date) == weekend).count();
    }

    private static long sum(Map<Integer, Long> byHour, int fromHour, int toHour) {
        long sum = 0;
        for (int hour = fromHour; hour <= toHour; hour++) {
            sum += byHour.getOrDefault(hour, 0L);
        }
        return sum;
    }

    /** The share of plays that ended between 6:00 and 10:00, the weekday commute. */
    private static double morningShare(List<Play> plays) {
        return plays.stream().filter(play -> hourOf(play.playedAt()) >= 6 && hourOf(play.playedAt()) < 10).count()
                / (double) plays.size();
    }
}
