package io.spotifyinsights.pipeline;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.spotifyinsights.features.FeaturesBackfill;

/**
 * Gives the next batch of tracks without audio features theirs ({@link FeaturesBackfill}), bounded by
 * {@code insights.features.backfill-per-run} so a run stays short: the tracks of the run's new plays, and after an
 * import of years the rest, run by run. A provider that is down fails nothing; the run says so and the next asks
 * again.
 */
final class BackfillFeaturesTasklet implements Tasklet {

    private final FeaturesBackfill backfill;
    private final String prefix;

    /** @param prefix names the lake objects of the job's runs ({@code run}, {@code import}) */
    BackfillFeaturesTasklet(FeaturesBackfill backfill, String prefix) {
        this.backfill = backfill;
        this.prefix = prefix;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        FeaturesBackfill.Result result = backfill.fillNext(prefix + "-"
                + contribution.getStepExecution().getJobExecutionId());
        ExecutionContext run = RunContext.of(contribution);
        if (result.asked() > 0) {
            run.put(RunContextKeys.FEATURES_UNAVAILABLE, result.spotifyRefused() && result.provider() == null);
            if (result.provider() != null) {
                run.putString(RunContextKeys.FEATURES_PROVIDER, result.provider());
            }
        }
        run.putLong(RunContextKeys.FEATURES_FILLED, result.filled());
        run.putLong(RunContextKeys.TRACKS_WITH_FEATURES, result.coverage().withFeatures());
        run.putLong(RunContextKeys.TRACKS, result.coverage().tracks());
        run.putLong(RunContextKeys.TRACKS_TO_ASK, result.coverage().toAsk());
        contribution.incrementReadCount();
        contribution.incrementWriteCount(result.filled());
        return RepeatStatus.FINISHED;
    }
}
