package io.spotifyinsights.pipeline;

/**
 * A run or a rebuild asked for while another job of the service stores plays (a history import): they take turns,
 * so an import's matching never misses plays a run stores at the same moment.
 */
public final class OtherJobGoingException extends RuntimeException {

    private final String jobName;

    OtherJobGoingException(String jobName, long executionId) {
        super(("The job %s (execution %d) is storing plays; runs and rebuilds wait until it ends. Follow an import at "
                + "GET /api/imports and try again once it has ended.").formatted(jobName, executionId));
        this.jobName = jobName;
    }

    public String jobName() {
        return jobName;
    }
}
