package io.spotifyinsights.pipeline;

/** A run id no run has. */
public final class RunNotFoundException extends RuntimeException {

    public RunNotFoundException(long id) {
        super("There is no run %d; GET /api/runs lists the runs there are.".formatted(id));
    }
}
