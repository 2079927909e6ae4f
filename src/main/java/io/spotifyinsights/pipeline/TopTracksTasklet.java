package io.spotifyinsights.pipeline;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.spotifyinsights.toptracks.TopTracksJob;

/** Recomputes {@code top_tracks} with Spark over all stored plays. */
final class TopTracksTasklet implements Tasklet {

    private final TopTracksJob topTracksJob;

    TopTracksTasklet(TopTracksJob topTracksJob) {
        this.topTracksJob = topTracksJob;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long written = topTracksJob.run();
        contribution.incrementWriteCount(written);
        RunContext.of(contribution).putLong(RunContextKeys.TOP_TRACKS_WRITTEN, written);
        return RepeatStatus.FINISHED;
    }
}
