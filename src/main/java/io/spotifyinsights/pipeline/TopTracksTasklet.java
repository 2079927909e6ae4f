package io.spotifyinsights.pipeline;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.spotifyinsights.toptracks.TopTracksJob;

/**
 * Recomputes {@code top_tracks} with Spark over all stored plays. Asked to stop (the service shuts down), it cancels
 * its Spark job and ends the step STOPPED — restartable, with the old top ten left as it was.
 */
final class TopTracksTasklet implements StoppableTasklet {

    private final TopTracksJob topTracksJob;
    private volatile boolean stopRequested;

    TopTracksTasklet(TopTracksJob topTracksJob) {
        this.topTracksJob = topTracksJob;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        stopRequested = false;
        long written;
        try {
            written = topTracksJob.run();
        } catch (RuntimeException e) {
            if (!stopRequested) {
                throw e;
            }
            contribution.setExitStatus(ExitStatus.STOPPED.addExitDescription("Stopped because the service shut "
                    + "down; the top ten is as it was before. Restart the run to compute it."));
            chunkContext.getStepContext().getStepExecution().setTerminateOnly();
            return RepeatStatus.FINISHED;
        }
        contribution.incrementWriteCount(written);
        RunContext.of(contribution).putLong(RunContextKeys.TOP_TRACKS_WRITTEN, written);
        return RepeatStatus.FINISHED;
    }

    @Override
    public void stop(StepExecution stepExecution) {
        stopRequested = true;
        topTracksJob.cancel();
    }

    @Override
    public void stop() {
        stopRequested = true;
        topTracksJob.cancel();
    }
}
