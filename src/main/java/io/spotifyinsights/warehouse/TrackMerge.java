package io.spotifyinsights.warehouse;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import io.spotifyinsights.play.SchemaColumn;
import io.spotifyinsights.spotify.AudioFeatures;

/**
 * How the rows of one track become one — what providers said over time — and which of its columns are copied to
 * the track's plays. Both warehouses apply this rule on load and on a rebuild from the lake alike.
 *
 * <p>An answer with features beats one without (a provider that no longer knows a track does not erase what it or
 * another said), the newest first among them. The features and their provider come together from that row; names
 * and length are the first known in that order; {@code features_checked_at} is the latest ask.
 */
final class TrackMerge {

    static final String KEY = "track_id";
    static final String PROVIDER = "features_provider";
    static final String CHECKED_AT = "features_checked_at";
    static final String ORDER = PROVIDER + " IS NULL, " + CHECKED_AT + " DESC";

    /**
     * The audio features as columns — {@link AudioFeatures}' components in schema style ({@code timeSignature} is
     * {@code time_signature}): the columns tracks.schema.json and schema.json share, copied from tracks to plays.
     */
    static final List<String> FEATURES = Arrays.stream(AudioFeatures.class.getRecordComponents())
            .map(RecordComponent::getName)
            .filter(name -> !name.equals("id"))
            .map(TrackMerge::columnName)
            .toList();

    private TrackMerge() {
    }

    /**
     * The grouped select list, in the columns' order, for rows grouped by {@code track_id}.
     *
     * @param first        renders "the value of column c in the first row in order"
     * @param firstNonNull renders "the first non-null value of column c in order"
     */
    static String selectList(List<SchemaColumn> columns, BiFunction<String, String, String> first,
            BiFunction<String, String, String> firstNonNull, UnaryOperator<String> quote) {
        Set<String> together = new java.util.HashSet<>(FEATURES);
        together.add(PROVIDER);
        return columns.stream().map(column -> {
            String name = column.name();
            String quoted = quote.apply(name);
            String expression;
            if (name.equals(KEY)) {
                expression = quoted;
            } else if (name.equals(CHECKED_AT)) {
                expression = "max(%s)".formatted(quoted);
            } else if (together.contains(name)) {
                expression = first.apply(quoted, ORDER);
            } else {
                expression = firstNonNull.apply(quoted, ORDER);
            }
            return expression + " AS " + quoted;
        }).collect(Collectors.joining(", "));
    }

    /** Fails at start, naming them, when a feature is not a column of both tables. */
    static void requireFeatureColumns(List<SchemaColumn> plays, List<SchemaColumn> tracks) {
        List<String> missing = FEATURES.stream()
                .filter(feature -> plays.stream().noneMatch(column -> column.name().equals(feature))
                        || tracks.stream().noneMatch(column -> column.name().equals(feature)))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(("The audio features %s must be columns of both schema.json and "
                    + "tracks.schema.json: the warehouse copies them from tracks to plays.").formatted(missing));
        }
    }

    private static String columnName(String componentName) {
        return componentName.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }
}
