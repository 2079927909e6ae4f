package io.spotifyinsights.web;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.spotifyinsights.history.Listeners;
import io.spotifyinsights.play.Play;
import io.spotifyinsights.warehouse.ListeningInsights;
import io.spotifyinsights.warehouse.TopTrack;
import io.spotifyinsights.warehouse.Warehouse;

/**
 * What the dashboard reads. Without {@code listener}, the listener of the newest run is meant: the service serves
 * one Spotify account.
 */
@RestController
@RequestMapping("/api")
class InsightsController {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private final Warehouse warehouse;
    private final Listeners listeners;
    private final Clock clock;

    InsightsController(Warehouse warehouse, Listeners listeners, Clock clock) {
        this.warehouse = warehouse;
        this.listeners = listeners;
        this.clock = clock;
    }

    /** The top ten with when it was computed, and whether plays changed since (the next run recomputes it). */
    @GetMapping("/top-tracks")
    TopTen topTracks(@RequestParam Optional<String> listener) {
        Instant computedAt = warehouse.topTracksComputedAt().orElse(null);
        Instant playsChangedAt = warehouse.playsChangedAt().orElse(null);
        boolean upToDate = playsChangedAt == null || (computedAt != null && !computedAt.isBefore(playsChangedAt));
        return new TopTen(computedAt, upToDate, listener.or(listeners::shown).map(warehouse::topTracks)
                .orElse(List.of()));
    }

    /**
     * @param computedAt when the top ten was last computed; null before the first time
     * @param upToDate   false when plays arrived since: the next run recomputes it
     */
    record TopTen(Instant computedAt, boolean upToDate, List<TopTrack> tracks) {
    }

    /**
     * Aggregates for the dashboard.
     *
     * @param window {@code 7d}, {@code 30d}, {@code year} (this calendar year) or {@code all}
     * @param zone   the viewer's time zone (an IANA name such as {@code Europe/Paris}); days and hours are its own
     */
    @GetMapping("/insights")
    InsightsView insights(@RequestParam Optional<String> listener, @RequestParam(defaultValue = "30d") String window,
            @RequestParam(defaultValue = "UTC") String zone) {
        ZoneId viewerZone;
        try {
            viewerZone = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new BadRequestException("'zone' is '%s': give a time zone such as Europe/Paris or UTC".formatted(zone));
        }
        Instant now = clock.instant();
        Instant from = switch (window) {
            case "7d" -> now.minus(7, ChronoUnit.DAYS);
            case "30d" -> now.minus(30, ChronoUnit.DAYS);
            case "year" -> LocalDate.ofInstant(now, viewerZone).withDayOfYear(1).atStartOfDay(viewerZone).toInstant();
            case "all" -> Instant.EPOCH;
            default -> throw new BadRequestException(
                    "'window' is '%s': give 7d, 30d, year or all".formatted(window));
        };
        Instant to = now.plusMillis(1);
        return new InsightsView(window, from, to, viewerZone.getId(), listener.or(listeners::shown)
                .map(id -> warehouse.insights(id, from, to, viewerZone)).orElse(null));
    }

    /** @param insights null before the first run has stored plays */
    record InsightsView(String window, Instant from, Instant to, String zone, ListeningInsights insights) {
    }

    /**
     * @param from  an instant ({@code 2026-03-01T12:00:00Z}) or a day ({@code 2026-03-01}, from its start, UTC);
     *              default: the beginning
     * @param to    the same forms, exclusive (a day: up to its end); default: now
     */
    @GetMapping("/plays")
    List<Play> plays(@RequestParam Optional<String> listener, @RequestParam Optional<String> from,
            @RequestParam Optional<String> to, @RequestParam(defaultValue = "100") @Min(1) @Max(10_000) int limit) {
        Instant start = from.map(value -> instant("from", value, false)).orElse(Instant.EPOCH);
        Instant end = to.map(value -> instant("to", value, true)).orElseGet(() -> clock.instant().plusMillis(1));
        if (!start.isBefore(end)) {
            throw new BadRequestException("'from' (%s) must be before 'to' (%s)".formatted(start, end));
        }
        return listener.or(listeners::shown)
                .map(id -> warehouse.plays(id, start, end, limit))
                .orElse(List.of());
    }

    private static Instant instant(String name, String value, boolean endOfDay) {
        Instant instant;
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                instant = (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                instant = Instant.parse(value).truncatedTo(ChronoUnit.MILLIS);
            }
        } catch (DateTimeParseException e) {
            throw new BadRequestException(("'%s' is '%s': give an instant such as 2026-03-01T12:00:00Z or a day such "
                    + "as 2026-03-01").formatted(name, value));
        }
        // What every warehouse here can compare with: BigQuery's TIMESTAMP range.
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new BadRequestException("'%s' is '%s': give a time from 0001-01-01 to 9999-12-31".formatted(name,
                    value));
        }
        return instant;
    }
}
