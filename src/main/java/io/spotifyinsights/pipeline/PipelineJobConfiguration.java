package io.spotifyinsights.pipeline;

import java.time.Clock;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.boot.batch.autoconfigure.BatchTaskExecutor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import io.spotifyinsights.InsightsProperties;
import io.spotifyinsights.lake.Lake;
import io.spotifyinsights.features.FeaturesBackfill;
import io.spotifyinsights.features.FeaturesProperties;
import io.spotifyinsights.features.FeaturesProvider;
import io.spotifyinsights.lake.Lake;
import io.spotifyinsights.play.TrackFields;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.PlayMatchers;
import io.spotifyinsights.spotify.SpotifyClient;
import io.spotifyinsights.toptracks.TopTracksJob;
import io.spotifyinsights.warehouse.LakeCatchUp;
import io.spotifyinsights.warehouse.Warehouse;

/**
 * The hourly job: {@code fetchRecentPlays → loadToWarehouse → deleteLocalCsv → backfillFeatures → topTracks}. When
 * Spotify has no new plays, it goes from the first step straight to the features backfill (an import of years is
 * given its features run by run), and computes the top ten only when that changed plays.
 */
@Configuration(proxyBeanMethods = false)
class PipelineJobConfiguration {

    /**
     * The top ten is computed when it is older than the plays: after new plays or new features, and after a run
     * that crashed in topTracks or a rebuild. With nothing changed the run ends as one without new plays.
     */
    @Bean
    Job spotifyPipelineJob(JobRepository jobRepository, Step fetchRecentPlaysStep, Step loadToWarehouseStep,
            Step deleteLocalCsvStep, Step backfillFeaturesStep, Step topTracksStep, PipelineMetrics metrics,
            InsightsProperties insights, Warehouse warehouse) {
        TopTenFreshness topTen = new TopTenFreshness(warehouse);
        return new JobBuilder(PipelineSteps.JOB, jobRepository)
                .listener(new RunOutcomeListener(metrics, insights.dataDir()))
                .start(fetchRecentPlaysStep).on(PipelineSteps.NO_NEW_PLAYS).to(backfillFeaturesStep)
                .from(fetchRecentPlaysStep).on("FAILED").fail()
                .from(fetchRecentPlaysStep).on("*").to(loadToWarehouseStep)
                .next(deleteLocalCsvStep)
                .next(backfillFeaturesStep)
                .from(backfillFeaturesStep).on("FAILED").fail()
                .from(backfillFeaturesStep).on("*").to(topTen)
                .from(topTen).on(TopTenFreshness.STALE).to(topTracksStep)
                .from(topTen).on("*").end(PipelineSteps.NO_NEW_PLAYS)
                .end()
                .build();
    }

    @Bean
    FeaturesBackfill featuresBackfill(FeaturesProvider featuresProvider, Warehouse warehouse, Lake lake,
            TrackFields trackFields, FeaturesProperties features, InsightsProperties insights, Clock clock) {
        return new FeaturesBackfill(featuresProvider, warehouse, lake, trackFields, features,
                insights.dataDir().resolve("staging"), clock);
    }

    @Bean
    Step backfillFeaturesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            FeaturesBackfill featuresBackfill) {
        return backfillStep(jobRepository, transactionManager, featuresBackfill, "run");
    }

    /** The same bounded backfill at the end of a history import, so the imported top ten has features at once. */
    @Bean
    Step importBackfillFeaturesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            FeaturesBackfill featuresBackfill) {
        return backfillStep(jobRepository, transactionManager, featuresBackfill, "import");
    }

    private static Step backfillStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            FeaturesBackfill featuresBackfill, String lakeObjectPrefix) {
        return new StepBuilder(PipelineSteps.BACKFILL_FEATURES, jobRepository)
                .tasklet(new BackfillFeaturesTasklet(featuresBackfill, lakeObjectPrefix), transactionManager)
                .build();
    }

    @Bean
    StagedPlays stagedPlays(InsightsProperties insights) {
        return new StagedPlays(insights.dataDir().resolve("staging"));
    }

    @Bean
    Step fetchRecentPlaysStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            SpotifyClient spotify, Warehouse warehouse, PlayFields playFields, StagedPlays stagedPlays,
            PipelineMetrics metrics, Clock clock, PlayMatchers matchers) {
        var tasklet = new FetchRecentPlaysTasklet(spotify, warehouse, playFields, stagedPlays, metrics, clock,
                matchers);
        return new StepBuilder(PipelineSteps.FETCH_RECENT_PLAYS, jobRepository)
                .tasklet(tasklet, transactionManager)
                .build();
    }

    @Bean
    Step loadToWarehouseStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, Lake lake,
            StagedPlays stagedPlays, LakeCatchUp catchUp, PipelineMetrics metrics) {
        return new StepBuilder(PipelineSteps.LOAD_TO_WAREHOUSE, jobRepository)
                .tasklet(new LoadToWarehouseTasklet(lake, stagedPlays, catchUp, metrics), transactionManager)
                .build();
    }

    @Bean
    Step deleteLocalCsvStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            StagedPlays stagedPlays) {
        return new StepBuilder(PipelineSteps.DELETE_LOCAL_CSV, jobRepository)
                .tasklet(new DeleteLocalCsvTasklet(stagedPlays), transactionManager)
                .build();
    }

    @Bean
    Step topTracksStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            TopTracksJob topTracksJob) {
        return new StepBuilder(PipelineSteps.TOP_TRACKS, jobRepository)
                .tasklet(new TopTracksTasklet(topTracksJob), transactionManager)
                .build();
    }

    @Bean
    ActiveRuns activeRuns() {
        return new ActiveRuns();
    }

    /** Runs are started in the background, so a trigger answers at once with the run's id. */
    @Bean
    @BatchTaskExecutor
    TaskExecutor batchTaskExecutor(ActiveRuns activeRuns) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("pipeline-run-");
        executor.setConcurrencyLimit(1);
        return activeRuns.counting(executor);
    }
}
