package io.spotifyinsights.pipeline;

import java.nio.file.Path;
import java.util.Locale;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import io.spotifyinsights.OwnerOnlyFiles;
import io.spotifyinsights.lake.LocalLake;

/**
 * Counts every ended run by its outcome, and makes what the run's libraries wrote into the data directory (the
 * warehouse's files, Spark's Parquet, the run history) owner-only. The lake is left out: the service writes its files
 * owner-only itself, and walking it would cost more with every run (the whole tree is walked at start and stop).
 */
final class RunOutcomeListener implements JobExecutionListener {

    private final PipelineMetrics metrics;
    private final Path dataDir;
    private final Path lake;

    RunOutcomeListener(PipelineMetrics metrics, Path dataDir) {
        this.metrics = metrics;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.lake = this.dataDir.resolve(LocalLake.FOLDER);
    }

    @Override
    public void afterJob(JobExecution execution) {
        OwnerOnlyFiles.restrictTree(dataDir, lake);
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
