package io.spotifyinsights.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.spotifyinsights.MovableClock;
import io.spotifyinsights.lake.LocalLake;
import io.spotifyinsights.play.Episode;
import io.spotifyinsights.play.Play;
import io.spotifyinsights.play.SchemaCsvWriter;
import io.spotifyinsights.play.EpisodeFields;
import io.spotifyinsights.play.TrackFields;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.TableSchema;
import io.spotifyinsights.play.TrackInfo;
import io.spotifyinsights.play.PlaySource;

class DuckDbWarehouseTest {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00.250Z");

    @TempDir
    Path temp;

    final PlayFields fields = new PlayFields(TableSchema.load());
    LocalLake lake;
    DuckDbWarehouse warehouse;

    @BeforeEach
    void open() {
        lake = new LocalLake(temp.resolve("lake"));
        warehouse = newWarehouse();
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    DuckDbWarehouse newWarehouse() {
        return new DuckDbWarehouse(temp.resolve("warehouse/insights.duckdb"), temp.resolve("warehouse/exchange"), lake,
                fields, EpisodeFields.packaged(), TrackFields.packaged(), Clock.systemUTC());
    }

    @Test
    void createsThePlaysTableWithSchemaJsonsColumnsInOrder() throws Exception {
        warehouse.close();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + temp.resolve("warehouse/insights.duckdb"));
                ResultSet rows = db.createStatement().executeQuery("SELECT column_name, is_nullable FROM "
                        + "information_schema.columns WHERE table_name = 'plays' ORDER BY ordinal_position")) {
            List<String> columns = new ArrayList<>();
            while (rows.next()) {
                columns.add(rows.getString(1));
            }
            assertThat(columns).isEqualTo(fields.schema().columnNames());
        }
        warehouse = newWarehouse();
    }

    @Test
    void loadsAnObjectAndCountsWhatItDid() throws IOException {
        put("plays/a.csv", play("l1", T0, "One"), play("l1", T0.plusSeconds(60), "Two"));

        LoadResult result = warehouse.load("plays/a.csv");

        assertThat(result).isEqualTo(new LoadResult(2, 2, 0));
        assertThat(all("l1")).extracting(Play::trackName).containsExactly("Two", "One");
    }

    @Test
    void loadingTheSameObjectTwiceKeepsEachPlayOnce() throws IOException {
        put("plays/a.csv", play("l1", T0, "One"), play("l1", T0.plusSeconds(60), "Two"));
        warehouse.load("plays/a.csv");

        LoadResult again = warehouse.load("plays/a.csv");

        assertThat(again).isEqualTo(new LoadResult(2, 0, 2));
        assertThat(all("l1")).hasSize(2);
    }

    @Test
    void overlappingObjectsAndRepeatsWithinOneLeaveEachPlayOnce() throws IOException {
        put("plays/a.csv", play("l1", T0, "One"), play("l1", T0.plusSeconds(60), "Two"));
        put("plays/b.csv", play("l1", T0.plusSeconds(60), "Two"), play("l1", T0.plusSeconds(120), "Three"),
                play("l1", T0.plusSeconds(120), "Three"));
        warehouse.load("plays/a.csv");

        LoadResult overlapping = warehouse.load("plays/b.csv");

        assertThat(overlapping).isEqualTo(new LoadResult(3, 1, 2));
        assertThat(all("l1")).extracting(Play::trackName).containsExactly("Three", "Two", "One");
    }

    @Test
    void oneLoadOfManyObjectsKeepsWhatLoadingThemOneByOneWouldAndRecordsThemAsLoaded() throws IOException {
        Play first = withUpload(play("l1", T0, "One"), "2026-03-01T13:00:00Z");
        Play sameLater = withUpload(play("l1", T0, "One (uploaded later)"), "2026-03-01T14:00:00Z");
        put("plays/b.csv", sameLater, play("l1", T0.plusSeconds(60), "Two"));
        put("plays/a.csv", first, play("l1", T0.plusSeconds(120), "Three"));

        LoadResult result = warehouse.load(List.of("plays/b.csv", "plays/a.csv"));

        assertThat(result).isEqualTo(new LoadResult(4, 3, 1));
        assertThat(all("l1")).extracting(Play::trackName).containsExactly("Three", "Two", "One");
        assertThat(warehouse.loadedKeys()).containsExactlyInAnyOrder("plays/a.csv", "plays/b.csv");
        assertThat(warehouse.load(List.of())).isEqualTo(new LoadResult(0, 0, 0));
    }

    @Test
    void aRebuildMakesPlaysExactlyTheDistinctPlaysOfTheLakeObjects() throws Exception {
        put("plays/a.csv", play("l1", T0, "One"), play("l1", T0.plusSeconds(60), "Two"));
        put("plays/gone.csv", play("l1", T0.plusSeconds(300), "Not in the lake any more"));
        warehouse.load(List.of("plays/a.csv", "plays/gone.csv"));
        put("plays/b.csv", play("l1", T0.plusSeconds(60), "Two"), play("l1", T0.plusSeconds(120), "Three"));

        LoadResult rebuilt = warehouse.rebuild(List.of("plays/a.csv", "plays/b.csv"));

        assertThat(rebuilt).isEqualTo(new LoadResult(4, 3, 1));
        assertThat(all("l1")).extracting(Play::trackName).containsExactly("Three", "Two", "One");
        assertThat(warehouse.loadedKeys()).containsExactlyInAnyOrder("plays/a.csv", "plays/b.csv");
        assertThat(parquetRows(temp.resolve("warehouse/exchange/plays"))).isEqualTo(-1);
        assertThat(parquetRows(warehouse.preparePlaysForSpark())).as("Spark's copy follows").isEqualTo(3);
    }

    @Test
    void theTopTenIsStaleOnceAnInsertingLoadOrARebuildIsNewerThanIt() throws IOException {
        MovableClock now = new MovableClock(Instant.parse("2026-03-02T10:00:00Z"));
        warehouse.close();
        warehouse = new DuckDbWarehouse(temp.resolve("warehouse/insights.duckdb"), temp.resolve("warehouse/exchange"),
                lake, fields, EpisodeFields.packaged(), TrackFields.packaged(), now);
        assertThat(warehouse.playsChangedAt()).isEmpty();
        assertThat(warehouse.topTracksComputedAt()).isEmpty();

        put("plays/a.csv", play("l1", T0, "One"));
        warehouse.load("plays/a.csv");
        assertThat(warehouse.playsChangedAt()).hasValue(now.instant());
        Path result = Files.createDirectories(temp.resolve("result"));
        now.advance(java.time.Duration.ofSeconds(60));
        warehouse.replaceTopTracksFromParquet(emptyTopTen(result));
        assertThat(warehouse.topTracksComputedAt()).hasValue(now.instant());

        now.advance(java.time.Duration.ofSeconds(60));
        warehouse.load("plays/a.csv");
        assertThat(warehouse.playsChangedAt()).as("a load that adds nothing changes nothing")
                .hasValue(Instant.parse("2026-03-02T10:00:00Z"));
        warehouse.rebuild(List.of("plays/a.csv"));
        assertThat(warehouse.playsChangedAt()).hasValue(now.instant());
    }

    @Test
    void aDamagedWarehouseFileIsMovedAsideAndANewOneStarts() throws IOException {
        warehouse.close();
        Path file = temp.resolve("warehouse/insights.duckdb");
        byte[] garbage = new byte[5000];
        new java.util.Random(3).nextBytes(garbage);
        Files.write(file, garbage);

        warehouse = newWarehouse();

        assertThat(warehouse.loadedKeys()).isEmpty();
        try (Stream<Path> files = Files.list(file.getParent())) {
            Path aside = files.filter(path -> path.getFileName().toString().startsWith("insights.duckdb.damaged-"))
                    .findFirst().orElseThrow();
            assertThat(Files.readAllBytes(aside)).as("moved, never deleted").isEqualTo(garbage);
        }
    }

    @Test
    void aWarehouseFileRemovedWhileTheServiceRunsIsReportedWithWhatToDo() throws IOException {
        Files.delete(temp.resolve("warehouse/insights.duckdb"));

        assertThatThrownBy(warehouse::checkReachable).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("was removed while the service runs")
                .hasMessageContaining("Restart the service; it rebuilds the warehouse from the lake");
    }

    @Test
    void hostileNamesAndNullsSurviveTheLakeAndTheWarehouse() throws IOException {
        List<String> names = List.of("Hello, Goodbye", "She said \"yes\"", "line one\nline two", "💜 Love",
                "فيروز", "", "semi;colon\ttab");
        List<Play> plays = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            plays.add(play("l1", T0.plusSeconds(i), names.get(i)));
        }
        put("plays/hostile.csv", plays.toArray(Play[]::new));

        warehouse.load("plays/hostile.csv");

        List<Play> stored = all("l1");
        assertThat(stored).containsExactlyInAnyOrderElementsOf(plays);
        Play empty = stored.stream().filter(play -> play.trackName().isEmpty()).findFirst().orElseThrow();
        assertThat(empty.contextType()).isNull();
        assertThat(empty.msPlayed()).isNull();
        assertThat(empty.danceability()).isEqualTo(0.5);
    }

    @Test
    void aBadRowFailsTheLoadNamingTheObjectAndKeepsNothing() throws IOException {
        put("plays/good.csv", play("l1", T0, "Good"));
        String csv = csv(play("l1", T0.plusSeconds(1), "Fine"), play("l1", T0.plusSeconds(2), "Broken"))
                .replace("\"210000\"", "\"three minutes\"");
        Path file = Files.writeString(temp.resolve("bad.csv"), csv);
        lake.put("plays/bad.csv", file);

        assertThatThrownBy(() -> warehouse.load("plays/bad.csv"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("plays/bad.csv")
                .hasMessageContaining("Nothing of it was stored");
        warehouse.load("plays/good.csv");
        assertThat(all("l1")).extracting(Play::trackName).containsExactly("Good");
    }

    @Test
    void aMissingRequiredValueFailsTheWholeLoad() throws IOException {
        String csv = csv(play("l1", T0, "Fine"), play("l1", T0.plusSeconds(1), "No listener"))
                .replace("\"l1-" + T0.plusSeconds(1).toEpochMilli() + "\"", "");
        lake.put("plays/missing.csv", Files.writeString(temp.resolve("missing.csv"), csv));

        assertThatThrownBy(() -> warehouse.load("plays/missing.csv")).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("plays/missing.csv");
        assertThat(all("l1")).isEmpty();
    }

    @Test
    void refusesAnObjectWhoseHeaderIsNotSchemaJsons() throws IOException {
        lake.put("plays/other.csv", Files.writeString(temp.resolve("other.csv"), "\"a\",\"b\"\r\n\"1\",\"2\"\r\n"));

        assertThatThrownBy(() -> warehouse.load("plays/other.csv")).isInstanceOf(WarehouseException.class)
                .hasMessageContaining("expected [track_id, track_name");
    }

    @Test
    void theWatermarkIsTheNewestPlayOfThatListener() throws IOException {
        put("plays/a.csv", play("l1", T0, "One"), play("l1", T0.plusSeconds(60), "Two"), play("l2", T0.plusSeconds(999), "X"));

        assertThat(warehouse.watermark("l1")).isEmpty();
        warehouse.load("plays/a.csv");

        assertThat(warehouse.watermark("l1")).contains(T0.plusSeconds(60));
        assertThat(warehouse.watermark("l2")).contains(T0.plusSeconds(999));
        assertThat(warehouse.watermark("nobody")).isEmpty();
    }

    @Test
    void playsAreReadInARangeNewestFirstUpToALimit() throws IOException {
        put("plays/a.csv", play("l1", T0, "One"), play("l1", T0.plusSeconds(60), "Two"),
                play("l1", T0.plusSeconds(120), "Three"), play("l1", T0.plusSeconds(180), "Four"));
        warehouse.load("plays/a.csv");

        List<Play> plays = warehouse.plays("l1", T0.plusSeconds(60), T0.plusSeconds(180), 10);
        List<Play> limited = warehouse.plays("l1", Instant.EPOCH, T0.plusSeconds(999), 2);

        assertThat(plays).extracting(Play::trackName).containsExactly("Three", "Two");
        assertThat(limited).extracting(Play::trackName).containsExactly("Four", "Three");
    }

    @Test
    void theParquetMirrorHoldsEveryPlayAndIsRebuiltWhenAFileGoesMissing() throws Exception {
        put("plays/a.csv", play("l1", T0, "One"));
        put("plays/b.csv", play("l1", T0.plusSeconds(60), "Two"), play("l1", T0.plusSeconds(120), "Three"));
        warehouse.load("plays/a.csv");
        warehouse.load("plays/b.csv");
        Path mirror = warehouse.preparePlaysForSpark();
        assertThat(parquetRows(mirror)).isEqualTo(3);

        try (Stream<Path> files = Files.list(mirror)) {
            Files.delete(files.filter(file -> file.toString().endsWith(".parquet")).findFirst().orElseThrow());
        }
        Path rebuilt = warehouse.preparePlaysForSpark();

        assertThat(parquetRows(rebuilt)).isEqualTo(3);
    }

    @Test
    void aColumnAddedToSchemaJsonIsAddedToAnExistingTableKeepingItsRows() throws Exception {
        put("plays/a.csv", play("l1", T0, "One"));
        warehouse.load("plays/a.csv");
        warehouse.close();
        // As if context_uri had been added to schema.json after this table was made.
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + temp.resolve("warehouse/insights.duckdb"))) {
            db.createStatement().execute("ALTER TABLE plays DROP COLUMN context_uri");
        }

        warehouse = newWarehouse();

        assertThat(all("l1")).extracting(Play::trackName).containsExactly("One");
        assertThat(all("l1").get(0).contextUri()).isNull();
    }

    @Test
    void insightsCountDaysAndHoursInTheViewersZoneAndCreditEachArtist() throws IOException {
        // 23:30 UTC on 1 March is 00:30 on 2 March in Paris.
        Play lateNight = withArtists(play("l1", Instant.parse("2026-03-01T23:30:00Z"), "Duet"), "Ana, Bo", "a,b");
        Play morning = withArtists(play("l1", Instant.parse("2026-03-02T08:15:00Z"), "Solo"), "Ana", "a");
        Play noIds = withArtists(play("l1", Instant.parse("2026-03-02T09:15:00Z"), "Band"),
                "Crosby, Stills & Nash", null);
        put("plays/a.csv", lateNight, morning, noIds);
        warehouse.load("plays/a.csv");

        ListeningInsights paris = warehouse.insights("l1", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"),
                java.time.ZoneId.of("Europe/Paris"));
        ListeningInsights utc = warehouse.insights("l1", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"),
                java.time.ZoneOffset.UTC);

        assertThat(paris.playsPerDay()).containsExactly(
                new ListeningInsights.DayCount(java.time.LocalDate.parse("2026-03-02"), 3));
        assertThat(utc.playsPerDay()).extracting(ListeningInsights.DayCount::plays).containsExactly(1L, 2L);
        assertThat(paris.playsByHour().get(0)).isEqualTo(1);
        assertThat(paris.playsByHour().get(9)).isEqualTo(1);
        assertThat(utc.playsByHour().get(23)).isEqualTo(1);
        assertThat(paris.topArtists()).containsExactly(new ListeningInsights.ArtistCount("Ana", 2),
                new ListeningInsights.ArtistCount("Bo", 1),
                new ListeningInsights.ArtistCount("Crosby, Stills & Nash", 1));
        assertThat(paris.totalPlays()).isEqualTo(3);
        assertThat(paris.distinctArtists()).isEqualTo(3);
        // mode 0 is minor: every test play is in a minor key.
        assertThat(paris.minorShare()).isEqualTo(1.0);
    }

    @Test
    void insightsTakeEveryFormOfZoneJavaAcceptsAndBucketHoursAsJavaDoes() throws IOException {
        List<Play> plays = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            plays.add(play("zones", Instant.parse("2026-06-30T00:10:00Z").plusSeconds(i * 3_600L + i * 97L), "T" + i));
        }
        put("plays/zones.csv", plays.toArray(Play[]::new));
        warehouse.load("plays/zones.csv");
        List<String> zones = new ArrayList<>(List.of("+05:30", "-03:30", "+14:00", "-12:00", "Z", "UTC", "UT", "GMT",
                "UTC+5", "GMT-03:30", "UT+01:00", "Etc/GMT-3", "Asia/Kathmandu", "Australia/Lord_Howe",
                "Pacific/Chatham", "America/St_Johns", "Europe/Paris"));
        List<String> regions = new ArrayList<>(java.time.ZoneId.getAvailableZoneIds());
        java.util.Collections.sort(regions);
        java.util.Collections.shuffle(regions, new java.util.Random(5));
        zones.addAll(regions.subList(0, 40));

        for (String id : zones) {
            java.time.ZoneId zone = java.time.ZoneId.of(id);
            long[] expected = new long[24];
            plays.forEach(play -> expected[play.playedAt().atZone(zone).getHour()]++);

            ListeningInsights insights = warehouse.insights("zones", Instant.EPOCH,
                    Instant.parse("2100-01-01T00:00:00Z"), zone);

            assertThat(insights.playsByHour()).as(id)
                    .containsExactly(java.util.Arrays.stream(expected).boxed().toArray(Long[]::new));
        }
    }

    @Test
    void insightsOfAWindowWithoutPlaysAreEmpty() {
        ListeningInsights none = warehouse.insights("nobody", Instant.EPOCH, Instant.now(), java.time.ZoneOffset.UTC);

        assertThat(none.totalPlays()).isZero();
        assertThat(none.playsByHour()).hasSize(24).containsOnly(0L);
        assertThat(none.minorShare()).isNull();
    }

    @Test
    void theSameEpisodeFromTheAccountDataAndTheExtendedHistoryIsStoredOnceWithTheExactTimeAndUri()
            throws IOException {
        // The account data knows the minute and the names; the extended history the second and the URI.
        Instant minute = Instant.parse("2025-02-03T08:15:00Z");
        Instant exact = Instant.parse("2025-02-03T08:15:42Z");
        for (String listener : List.of("account-first", "extended-first")) {
            Episode fromAccount = episode(listener, minute, "Daily News", "Monday", null, 1_200_000,
                    "2026-03-01T10:00:00Z");
            Episode fromExtended = episode(listener, exact, "Daily News", "Monday", "spotify:episode:mon", 1_200_000,
                    "2026-03-02T10:00:00Z");
            putEpisodes("episodes/" + listener + "-account.csv", fromAccount);
            putEpisodes("episodes/" + listener + "-extended.csv", fromExtended);
            List<String> order = listener.equals("account-first")
                    ? List.of("episodes/" + listener + "-account.csv", "episodes/" + listener + "-extended.csv")
                    : List.of("episodes/" + listener + "-extended.csv", "episodes/" + listener + "-account.csv");

            LoadResult first = warehouse.load(order.get(0));
            LoadResult second = warehouse.load(order.get(1));

            assertThat(first.episodesInserted()).isEqualTo(1);
            assertThat(second.episodesInserted()).isZero();
            assertThat(first.inserted() + second.inserted()).as("no plays").isZero();
            assertThat(episodeRows(listener)).containsExactly(List.of(exact.toString(), "spotify:episode:mon",
                    "2026-03-01T10:00:00Z", "Daily News"));
        }
    }

    @Test
    void episodesAreRebuiltFromTheLakeBesidePlaysAndCountedForTheirWindow() throws IOException {
        Instant day = Instant.parse("2025-05-01T07:00:00Z");
        List<Episode> episodes = List.of(
                episode("l1", day, "Morning Show", "Ep. 1", "spotify:episode:e1", 1_500_000, "2026-03-01T10:00:00Z"),
                episode("l1", day.plusSeconds(3_600), "Morning Show", "Ep. 2", "spotify:episode:e2", 600_000,
                        "2026-03-01T10:00:00Z"),
                new Episode("l1", day.plusSeconds(7_200), Episode.AUDIOBOOK_CHAPTER, "A Long Book", "Chapter 3",
                        "spotify:chapter:c3", 2_400_000L, PlaySource.IMPORT, Instant.parse("2026-03-01T10:00:00Z"),
                        Episode.uniqueId("l1", day.plusSeconds(7_200), "A Long Book", "Chapter 3")),
                episode("l1", day.plusSeconds(86_400 * 40), "Morning Show", "Ep. 3", "spotify:episode:e3", 900_000,
                        "2026-03-01T10:00:00Z"),
                episode("l2", day, "<b>Other</b>", "Ep. 1", null, 60_000, "2026-03-01T10:00:00Z"));
        putEpisodes("episodes/a.csv", episodes.toArray(Episode[]::new));
        put("plays/a.csv", play("l1", day.plusSeconds(30), "Song"));
        warehouse.load("episodes/a.csv");
        putEpisodes("episodes/gone.csv", episode("l1", day.plusSeconds(9_000), "Deleted Show", "Ep.", null, 90_000,
                "2026-03-01T10:00:00Z"));
        warehouse.load("episodes/gone.csv");

        LoadResult rebuilt = warehouse.rebuild(List.of("episodes/a.csv", "plays/a.csv"));

        assertThat(rebuilt.inserted()).isEqualTo(1);
        assertThat(rebuilt.episodesInserted()).isEqualTo(episodes.size());
        assertThat(warehouse.loadedKeys()).containsExactlyInAnyOrder("episodes/a.csv", "plays/a.csv");
        // The first thirty days hold the first three of l1's streams.
        ListeningInsights month = warehouse.insights("l1", day, day.plusSeconds(86_400 * 30), ZoneOffset.UTC);
        List<Episode> inMonth = episodes.subList(0, 3);
        assertThat(month.spoken().streams()).isEqualTo(inMonth.size());
        assertThat(month.spoken().msPlayed()).isEqualTo(inMonth.stream().mapToLong(Episode::msPlayed).sum());
        assertThat(month.spoken().topShows()).containsExactly(
                new ListeningInsights.ShowTime("A Long Book", Episode.AUDIOBOOK_CHAPTER, 1, 2_400_000),
                new ListeningInsights.ShowTime("Morning Show", Episode.EPISODE, 2, 2_100_000));
        assertThat(month.totalPlays()).isEqualTo(1);
        assertThat(month.msListened()).as("an API play counts its length").isEqualTo(210_000);
        assertThat(warehouse.insights("l2", day, day.plusSeconds(60), ZoneOffset.UTC).spoken().topShows())
                .extracting(ListeningInsights.ShowTime::show).containsExactly("<b>Other</b>");

        warehouse.forget("l1", List.of());

        assertThat(warehouse.insights("l1", Instant.EPOCH, day.plusSeconds(86_400 * 90), ZoneOffset.UTC).spoken()
                .streams()).isZero();
        assertThat(warehouse.insights("l2", day, day.plusSeconds(60), ZoneOffset.UTC).spoken().streams()).isOne();
    }

    @Test
    void aFileOfEpisodesMustHaveEpisodesSchemaJsonsColumns() throws IOException {
        put("episodes/plays-by-mistake.csv", play("l1", T0, "One"));

        assertThatThrownBy(() -> warehouse.load("episodes/plays-by-mistake.csv"))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("episodes.schema.json's columns")
                .hasMessageContaining("Nothing of it was stored");
        assertThat(warehouse.loadedKeys()).isEmpty();
    }

    @Test
    void aTracksFeaturesReachItsPlaysWhicheverArrivesFirst() throws Exception {
        TrackInfo known = track("trackA", 0.71, 128.0, "reccobeats", "2026-03-02T00:00:00Z");
        // Plays first, then what a provider said about their track.
        put("plays/imported.csv", imported("l1", T0, "trackA"), imported("l1", T0.plusSeconds(300), "trackA"),
                imported("l1", T0.plusSeconds(600), "trackB"));
        warehouse.load("plays/imported.csv");
        putTracks("tracks/a.csv", known);

        warehouse.load("tracks/a.csv");

        assertThat(all("l1")).extracting(Play::trackId, Play::danceability, Play::tempo, Play::timeSignature)
                .containsExactlyInAnyOrder(tuple("trackA", 0.71, 128.0, null), tuple("trackA", 0.71, 128.0, null),
                        tuple("trackB", null, null, null));
        assertThat(parquetRows(warehouse.preparePlaysForSpark())).as("Spark's copy follows").isEqualTo(3);
        // The track first, then more of its plays.
        put("plays/later.csv", imported("l1", T0.plusSeconds(900), "trackA"));

        warehouse.load("plays/later.csv");

        assertThat(all("l1")).filteredOn(play -> play.trackId().equals("trackA"))
                .hasSize(3).allSatisfy(play -> assertThat(play.danceability()).isEqualTo(0.71));
    }

    @Test
    void aTracksNewestAnswerWithFeaturesWinsAndAnAnswerWithoutDoesNotEraseThem() throws IOException {
        put("plays/imported.csv", imported("l1", T0, "trackA"));
        putTracks("tracks/1.csv", track("trackA", 0.3, 90.0, "spotify", "2026-01-01T00:00:00Z"));
        putTracks("tracks/2.csv", track("trackA", null, null, null, "2026-02-01T00:00:00Z"));
        warehouse.load(List.of("plays/imported.csv", "tracks/1.csv", "tracks/2.csv"));

        assertThat(all("l1")).extracting(Play::danceability).containsExactly(0.3);
        assertThat(warehouse.tracksToAsk(Instant.parse("2100-01-01T00:00:00Z"), 10)).as("it has features").isEmpty();

        putTracks("tracks/3.csv", track("trackA", 0.8, 140.0, "reccobeats", "2026-03-01T00:00:00Z"));
        warehouse.load("tracks/3.csv");

        assertThat(all("l1")).extracting(Play::danceability, Play::tempo).containsExactly(tuple(0.8, 140.0));
        warehouse.rebuild(List.of("plays/imported.csv", "tracks/1.csv", "tracks/2.csv", "tracks/3.csv"));
        assertThat(all("l1")).as("a rebuild keeps what loads kept").extracting(Play::danceability)
                .containsExactly(0.8);
    }

    @Test
    void theTracksToAskAreThoseWithoutFeaturesMostPlayedFirstAndNotThoseAskedLately() throws IOException {
        Instant now = Instant.parse("2026-03-10T00:00:00Z");
        put("plays/a.csv", imported("l1", T0, "t1"), imported("l1", T0.plusSeconds(60), "t1"),
                imported("l2", T0.plusSeconds(120), "t1"), imported("l1", T0.plusSeconds(180), "t2"),
                imported("l1", T0.plusSeconds(240), "t2"), imported("l1", T0.plusSeconds(300), "t3"),
                // Fetched with Spotify's features before tracks were kept: not asked again.
                play("l1", T0.plusSeconds(360), "Known"));
        warehouse.load("plays/a.csv");

        assertThat(warehouse.tracksToAsk(now.minusSeconds(86_400), 10)).extracting(TrackInfo::trackId)
                .containsExactly("t1", "t2", "t3");
        assertThat(warehouse.tracksToAsk(now.minusSeconds(86_400), 2)).extracting(TrackInfo::trackId)
                .containsExactly("t1", "t2");
        assertThat(warehouse.tracksToAsk(now, 1).get(0).trackName()).isEqualTo("Song t1");

        // t2 was asked a week ago and nobody knew it; t3 got features.
        putTracks("tracks/b.csv", track("t2", null, null, null, "2026-03-03T00:00:00Z"),
                track("t3", 0.5, 100.0, "reccobeats", "2026-03-03T00:00:00Z"));
        warehouse.load("tracks/b.csv");

        assertThat(warehouse.tracksToAsk(now.minusSeconds(30L * 86_400), 10)).extracting(TrackInfo::trackId)
                .containsExactly("t1");
        assertThat(warehouse.tracksToAsk(now, 10)).as("asked again once the last ask is old enough")
                .extracting(TrackInfo::trackId).containsExactly("t1", "t2");
        assertThat(warehouse.featureCoverage(now.minusSeconds(30L * 86_400)))
                .isEqualTo(new FeatureCoverage(4, 2, 1));
    }

    private static Play imported(String listener, Instant playedAt, String trackId) {
        return new Play(trackId, "Song " + trackId, "Artist", playedAt, null, null,
                "https://open.spotify.com/track/" + trackId, Instant.parse("2026-03-01T13:00:00.123Z"),
                Play.uniqueId(listener, playedAt), null, null, null, null, null, null, null, null, null, null, null,
                null, listener, "spotify:track:" + trackId, null, "Album", null, null, null, 200_000L,
                PlaySource.IMPORT);
    }

    private static TrackInfo track(String trackId, Double danceability, Double tempo, String provider,
            String checkedAt) {
        return new TrackInfo(trackId, "Song " + trackId, "Artist", "Album", 200_000L, danceability,
                danceability == null ? null : 0.4, danceability == null ? null : 5, danceability == null ? null : -6.0,
                danceability == null ? null : 1, danceability == null ? null : 0.05,
                danceability == null ? null : 0.2, danceability == null ? null : 0.0,
                danceability == null ? null : 0.1, danceability == null ? null : 0.6, tempo, null, provider,
                Instant.parse(checkedAt));
    }

    private void putTracks(String key, TrackInfo... tracks) throws IOException {
        putRows(key, TrackFields.packaged(), tracks);
    }

    /** A lake object of these rows, in their schema file's columns. */
    @SafeVarargs
    private <T extends Record> void putRows(String key, io.spotifyinsights.play.SchemaFields<T> schema, T... rows)
            throws IOException {
        java.io.StringWriter out = new java.io.StringWriter();
        try (var writer = new SchemaCsvWriter<>(schema, out)) {
            for (T row : rows) {
                writer.write(row);
            }
        }
        lake.put(key, Files.writeString(temp.resolve(key.replace('/', '_')), out.toString()));
    }

    /** played_at, episode_uri, upload_timestamp and show_name of the listener's stored episodes, read from the file. */
    private List<List<String>> episodeRows(String listener) {
        warehouse.close();
        List<List<String>> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + temp.resolve("warehouse/insights.duckdb"));
                ResultSet row = db.createStatement().executeQuery(("SELECT strftime(played_at, "
                        + "'%%Y-%%m-%%dT%%H:%%M:%%SZ'), episode_uri, strftime(upload_timestamp, "
                        + "'%%Y-%%m-%%dT%%H:%%M:%%SZ'), show_name FROM episodes WHERE listener_id = '%s'")
                        .formatted(listener))) {
            while (row.next()) {
                rows.add(List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4)));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            warehouse = newWarehouse();
        }
        return rows;
    }

    private static Episode episode(String listener, Instant playedAt, String show, String name, String uri,
            long msPlayed, String uploadedAt) {
        return new Episode(listener, playedAt, Episode.EPISODE, show, name, uri, (Long) msPlayed,
                PlaySource.IMPORT, Instant.parse(uploadedAt), Episode.uniqueId(listener, playedAt, show, name));
    }

    private void putEpisodes(String key, Episode... episodes) throws IOException {
        putRows(key, EpisodeFields.packaged(), episodes);
    }

    private static Play withArtists(Play play, String artists, String artistIds) {
        return new Play(play.trackId() + play.trackName(), play.trackName(), artists, play.playedAt(),
                play.durationMs(), play.trackDuration(), play.spotifyUrl(), play.uploadTimestamp(), play.uniqueId(),
                play.danceability(), play.energy(), play.key(), play.loudness(), play.mode(), play.speechiness(),
                play.acousticness(), play.instrumentalness(), play.liveness(), play.valence(), play.tempo(),
                play.timeSignature(), play.listenerId(), "spotify:track:" + play.trackName(), play.albumId(),
                play.albumName(), artistIds, play.contextType(), play.contextUri(), play.msPlayed(), play.source());
    }

    /** An empty Parquet result with top_tracks' columns, as Spark writes one for a listener with no plays. */
    private Path emptyTopTen(Path folder) {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            String columns = TopTrackColumns.COLUMNS.stream()
                    .map(column -> "CAST(NULL AS %s) AS %s".formatted(column.sqlType(), column.name()))
                    .collect(java.util.stream.Collectors.joining(", "));
            db.createStatement().execute("COPY (SELECT %s LIMIT 0) TO '%s' (FORMAT parquet)".formatted(columns,
                    folder.resolve("part-0.parquet")));
            return folder;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Play withUpload(Play play, String uploadedAt) {
        return new Play(play.trackId(), play.trackName(), play.artists(), play.playedAt(), play.durationMs(),
                play.trackDuration(), play.spotifyUrl(), Instant.parse(uploadedAt), play.uniqueId(),
                play.danceability(), play.energy(), play.key(), play.loudness(), play.mode(), play.speechiness(),
                play.acousticness(), play.instrumentalness(), play.liveness(), play.valence(), play.tempo(),
                play.timeSignature(), play.listenerId(), play.trackUri(), play.albumId(), play.albumName(),
                play.artistIds(), play.contextType(), play.contextUri(), play.msPlayed(), play.source());
    }

    private long parquetRows(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            if (files.noneMatch(file -> file.toString().endsWith(".parquet"))) {
                return -1;
            }
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet row = db.createStatement().executeQuery(
                        "SELECT count(*) FROM read_parquet('" + folder + "/*.parquet')")) {
            row.next();
            return row.getLong(1);
        }
    }

    private List<Play> all(String listener) {
        return warehouse.plays(listener, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 1000);
    }

    private void put(String key, Play... plays) throws IOException {
        Path file = Files.writeString(temp.resolve(key.replace('/', '_')), csv(plays));
        lake.put(key, file);
    }

    private String csv(Play... plays) throws IOException {
        java.io.StringWriter out = new java.io.StringWriter();
        try (var writer = new SchemaCsvWriter<>(fields, out)) {
            for (Play play : plays) {
                writer.write(play);
            }
        }
        return out.toString();
    }

    static Play play(String listener, Instant playedAt, String name) {
        return new Play("4uLU6hMCjMI75M1A2tKUQC", name, name + ", Guest", playedAt, 210_000L, "3:30",
                "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC", Instant.parse("2026-03-01T13:00:00.123Z"),
                Play.uniqueId(listener, playedAt), 0.5, 0.25, 5, -7.5, 0, 0.05, 0.1, 0.0, 0.2, 0.9, 120.5, 4, listener,
                "spotify:track:4uLU6hMCjMI75M1A2tKUQC", "album1", name + " (album)", "a1,a2", null, null, null,
                PlaySource.API);
    }
}
