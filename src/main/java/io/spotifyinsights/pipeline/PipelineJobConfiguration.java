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
import io.spotifyinsights.features.FeaturesProvider;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.PlayMatchers;
import io.spotifyinsights.spotify.SpotifyClient;
import io.spotifyinsights.toptracks.TopTracksJob;
import io.spotifyinsights.warehouse.LakeCatchUp;
import io.spotifyinsights.warehouse.Warehouse;

/**
 * The hourly job: {@code fetchRecentPlays → loadToWarehouse → deleteLocalCsv → topTracks}, ending right after the
 * first step when Spotify has no new plays.
 */
@Configuration(proxyBeanMethods = false)
class PipelineJobConfiguration {

    /**
     * With no new plays the run ends — unless the top ten is older than the plays (a run that crashed in topTracks,
     * a rebuild), then it recomputes just that.
     */
    @Bean
    Job spotifyPipelineJob(JobRepository jobRepository, Step fetchRecentPlaysStep, Step loadToWarehouseStep,
            Step deleteLocalCsvStep, Step topTracksStep, PipelineMetrics metrics, InsightsProperties insights,
            Warehouse warehouse) {
        TopTenFreshness topTen = new TopTenFreshness(warehouse);
        return new JobBuilder(PipelineSteps.JOB, jobRepository)
                .listener(new RunOutcomeListener(metrics, insights.dataDir()))
                .start(fetchRecentPlaysStep).on(PipelineSteps.NO_NEW_PLAYS).to(topTen)
                .from(topTen).on(TopTenFreshness.STALE).to(topTracksStep)
                .from(topTen).on("*").end(PipelineSteps.NO_NEW_PLAYS)
                .from(fetchRecentPlaysStep).on("FAILED").fail()
                .from(fetchRecentPlaysStep).on("*").to(loadToWarehouseStep)
                .next(deleteLocalCsvStep)
                .next(topTracksStep)
                .end()
                .build();
    }

    @Bean
    StagedPlays stagedPlays(InsightsProperties insights) {
        return new StagedPlays(insights.dataDir().resolve("staging"));
    }

    @Bean
    Step fetchRecentPlaysStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            SpotifyClient spotify, Warehouse warehouse, PlayFields playFields, StagedPlays stagedPlays,
            PipelineMetrics metrics, Clock clock, PlayMatchers matchers, FeaturesProvider featuresProvider) {
        var tasklet = new FetchRecentPlaysTasklet(spotify, warehouse, playFields, stagedPlays, metrics, clock,
                matchers, featuresProvider);
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
