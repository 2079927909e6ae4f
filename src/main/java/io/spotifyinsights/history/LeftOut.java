package io.spotifyinsights.history;

/**
 * Why a record of an export is not imported, as a play or as an episode, in the order the rules are asked: a record
 * is counted under the first that applies.
 */
public enum LeftOut {
    /** A record of the video history. */
    VIDEO,
    /** No track to credit: no track URI (extended history) or no track name. */
    NO_TRACK,
    /** Played in a private session ({@code incognito_mode}), unless insights.import.include-private-sessions. */
    PRIVATE_SESSION,
    /** Played less than insights.import.min-ms-played (30 s by default). */
    TOO_SHORT
}
