package io.spotifyinsights.pipeline;

import java.nio.file.Path;
import java.util.Locale;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import io.spotifyinsights.OwnerOnlyFiles;

/**
 * Counts every ended run by its outcome, and makes what the run's libraries wrote into the data directory (the
 * warehouse's files, Spark's Parquet, the run history) owner-only.
 */
final class RunOutcomeListener implements JobExecutionListener {

    private final PipelineMetrics metrics;
    private final Path dataDir;

    RunOutcomeListener(PipelineMetrics metrics, Path dataDir) {
        this.metrics = metrics;
        this.dataDir = dataDir;
    }

    @Override
    public void afterJob(JobExecution execution) {
        OwnerOnlyFiles.restrictTree(dataDir);
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
