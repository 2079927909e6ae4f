package io.spotifyinsights.pipeline;

/** A restart of a run that neither failed nor was stopped. */
public final class RunNotRestartableException extends RuntimeException {

    RunNotRestartableException(long id, String status) {
        super("Run %d is %s; only FAILED or STOPPED runs can be restarted. Trigger a new run with POST /api/runs instead."
                .formatted(id, status));
    }
}
