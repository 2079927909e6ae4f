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
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.spotify.SpotifyClient;
import io.spotifyinsights.toptracks.TopTracksJob;
import io.spotifyinsights.warehouse.Warehouse;

/**
 * The hourly job: {@code fetchRecentPlays → loadToWarehouse → deleteLocalCsv → topTracks}, ending right after the
 * first step when Spotify has no new plays.
 */
@Configuration(proxyBeanMethods = false)
class PipelineJobConfiguration {

    @Bean
    Job spotifyPipelineJob(JobRepository jobRepository, Step fetchRecentPlaysStep, Step loadToWarehouseStep,
            Step deleteLocalCsvStep, Step topTracksStep, PipelineMetrics metrics, InsightsProperties insights) {
        return new JobBuilder(PipelineSteps.JOB, jobRepository)
                .listener(new RunOutcomeListener(metrics, insights.dataDir()))
                .start(fetchRecentPlaysStep).on(PipelineSteps.NO_NEW_PLAYS).end(PipelineSteps.NO_NEW_PLAYS)
                .from(fetchRecentPlaysStep).on("FAILED").fail()
                .from(fetchRecentPlaysStep).on("*").to(loadToWarehouseStep)
                .next(deleteLocalCsvStep)
                .next(topTracksStep)
                .end()
                .build();
    }

    @Bean
    Step fetchRecentPlaysStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            SpotifyClient spotify, Warehouse warehouse, PlayFields playFields, InsightsProperties insights,
            PipelineMetrics metrics, Clock clock) {
        var tasklet = new FetchRecentPlaysTasklet(spotify, warehouse, playFields,
                insights.dataDir().resolve("staging"), metrics, clock);
        return new StepBuilder(PipelineSteps.FETCH_RECENT_PLAYS, jobRepository)
                .tasklet(tasklet, transactionManager)
                .build();
    }

    @Bean
    Step loadToWarehouseStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, Lake lake,
            Warehouse warehouse, PipelineMetrics metrics) {
        return new StepBuilder(PipelineSteps.LOAD_TO_WAREHOUSE, jobRepository)
                .tasklet(new LoadToWarehouseTasklet(lake, warehouse, metrics), transactionManager)
                .build();
    }

    @Bean
    Step deleteLocalCsvStep(JobRepository jobRepository, PlatformTransactionManager transactionManager) {
        return new StepBuilder(PipelineSteps.DELETE_LOCAL_CSV, jobRepository)
                .tasklet(new DeleteLocalCsvTasklet(), transactionManager)
                .build();
    }

    @Bean
    Step topTracksStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            TopTracksJob topTracksJob) {
        return new StepBuilder(PipelineSteps.TOP_TRACKS, jobRepository)
                .tasklet(new TopTracksTasklet(topTracksJob), transactionManager)
                .build();
    }

    /** Runs are started in the background, so a trigger answers at once with the run's id. */
    @Bean
    @BatchTaskExecutor
    TaskExecutor batchTaskExecutor() {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("pipeline-run-");
        executor.setConcurrencyLimit(1);
        return executor;
    }
}
