package io.spotifyinsights.web;

import java.time.Clock;
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

import io.spotifyinsights.pipeline.RunHistory;
import io.spotifyinsights.play.Play;
import io.spotifyinsights.warehouse.TopTrack;
import io.spotifyinsights.warehouse.Warehouse;

/**
 * What the dashboard reads. Without {@code listener}, the listener of the newest run is meant: the service serves
 * one Spotify account.
 */
@RestController
@RequestMapping("/api")
class InsightsController {

    private final Warehouse warehouse;
    private final RunHistory runHistory;
    private final Clock clock;

    InsightsController(Warehouse warehouse, RunHistory runHistory, Clock clock) {
        this.warehouse = warehouse;
        this.runHistory = runHistory;
        this.clock = clock;
    }

    @GetMapping("/top-tracks")
    List<TopTrack> topTracks(@RequestParam Optional<String> listener) {
        return listener.or(runHistory::lastListenerId).map(warehouse::topTracks).orElse(List.of());
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
        return listener.or(runHistory::lastListenerId)
                .map(id -> warehouse.plays(id, start, end, limit))
                .orElse(List.of());
    }

    private static Instant instant(String name, String value, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value).truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(("'%s' is '%s': give an instant such as 2026-03-01T12:00:00Z or a day such "
                    + "as 2026-03-01").formatted(name, value));
        }
    }
}
