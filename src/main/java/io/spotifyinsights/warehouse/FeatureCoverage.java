package io.spotifyinsights.warehouse;

/**
 * How far the tracks of stored plays have their audio features.
 *
 * @param tracks       distinct tracks (by Spotify id) among the plays
 * @param withFeatures those with features
 * @param toAsk        those without that the features backfill still asks about (never asked, or asked long ago)
 */
public record FeatureCoverage(long tracks, long withFeatures, long toAsk) {
}
