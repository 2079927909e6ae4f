package io.spotifyinsights.warehouse;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import io.spotifyinsights.play.PlaySource;
import io.spotifyinsights.play.SchemaColumn;

/**
 * How the rows that carry one {@code unique_id} become one play (or one episode, by the same rule) — the same play seen by several sources (see
 * {@link io.spotifyinsights.play.PlayMatcher}), or the same row loaded twice. Both warehouses apply this rule, to a
 * load together with the stored play it touches and to a rebuild from the whole lake, so the order in which lake
 * objects arrive does not change what is stored.
 *
 * <p>The rows are ordered: an exact time before the minute account data gives, then the first fetched, then by
 * {@link PlaySource} order. {@code played_at} is the first row's; {@code upload_timestamp} the earliest;
 * {@code source} the first in {@link PlaySource} order that any row has; every other column the first value that is
 * not null — so the export's {@code ms_played} and the API's context end up in one play.
 */
final class PlayMerge {

    /** Column names of the helper values each adapter computes per row before grouping. */
    static final String MINUTE_ONLY = "merge_minute_only";
    static final String SOURCE_RANK = "merge_source_rank";

    private PlayMerge() {
    }

    /**
     * The per-row helper columns, as a select list to append to {@code *}.
     *
     * @param exactColumn the column an imported row has only when the export knew the exact time ({@code track_uri}
     *                    of a play, {@code episode_uri} of an episode): account data has neither
     */
    static String rowHelpers(String exactColumn) {
        return ("(source = '%s' AND %s IS NULL) AS %s, %s AS %s").formatted(PlaySource.IMPORT.wireValue(),
                exactColumn, MINUTE_ONLY, sourceRank("source"), SOURCE_RANK);
    }

    /** The order rows of one play are taken in. */
    static String order() {
        return "%s, upload_timestamp, %s, played_at".formatted(MINUTE_ONLY, SOURCE_RANK);
    }

    /**
     * The grouped select list, in the columns' order, for rows grouped by {@code unique_id}.
     *
     * @param firstNonNull renders "the first non-null value of column c in {@link #order()}", e.g. DuckDB's
     *                     {@code first(c ORDER BY …) FILTER (WHERE c IS NOT NULL)}
     * @param quote        quotes an identifier
     */
    static String selectList(List<SchemaColumn> columns, BiFunction<String, String, String> firstNonNull,
            java.util.function.UnaryOperator<String> quote) {
        return columns.stream().map(column -> {
            String name = column.name();
            String expression = switch (name) {
                case "unique_id" -> quote.apply(name);
                case "upload_timestamp" -> "min(%s)".formatted(quote.apply(name));
                case "source" -> sourceOfRank("min(%s)".formatted(SOURCE_RANK));
                default -> firstNonNull.apply(quote.apply(name), order());
            };
            return expression + " AS " + quote.apply(name);
        }).collect(Collectors.joining(", "));
    }

    private static String sourceRank(String column) {
        return Arrays.stream(PlaySource.values())
                .map(source -> "WHEN '%s' THEN %d".formatted(source.wireValue(), source.ordinal()))
                .collect(Collectors.joining(" ", "CASE " + column + " ", " END"));
    }

    private static String sourceOfRank(String rank) {
        return Arrays.stream(PlaySource.values())
                .map(source -> "WHEN %d THEN '%s'".formatted(source.ordinal(), source.wireValue()))
                .collect(Collectors.joining(" ", "CASE " + rank + " ", " END"));
    }
}
