package io.spotifyinsights.pipeline;

/** A trigger while a run is going: only one run at a time. */
public final class RunAlreadyGoingException extends RuntimeException {

    private final long runningId;

    RunAlreadyGoingException(long runningId) {
        super("Run %d is still going; only one run at a time. Follow it at /api/runs/%d and trigger again once it ends."
                .formatted(runningId, runningId));
        this.runningId = runningId;
    }

    public long runningId() {
        return runningId;
    }
}
