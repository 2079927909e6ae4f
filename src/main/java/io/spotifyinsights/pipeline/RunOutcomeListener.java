package io.spotifyinsights.pipeline;

import java.util.Locale;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/** Counts every ended run by its outcome. */
final class RunOutcomeListener implements JobExecutionListener {

    private final PipelineMetrics metrics;

    RunOutcomeListener(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void afterJob(JobExecution execution) {
        metrics.runEnded(outcome(execution));
    }

    static String outcome(JobExecution execution) {
        if (execution.getStatus() == BatchStatus.COMPLETED
                && PipelineSteps.NO_NEW_PLAYS.equals(execution.getExitStatus().getExitCode())) {
            return "no_new_plays";
        }
        return execution.getStatus().name().toLowerCase(Locale.ROOT);
    }
}
