package io.spotifyinsights.pipeline;

import java.util.List;

/** A page of runs, newest first. */
public record RunPage(List<RunView> runs, int page, int size, long total) {
}
