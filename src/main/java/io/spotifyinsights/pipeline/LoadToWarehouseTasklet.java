package io.spotifyinsights.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.spotifyinsights.lake.Lake;
import io.spotifyinsights.warehouse.LoadResult;
import io.spotifyinsights.warehouse.Warehouse;

/**
 * Puts the run's CSV into the lake and loads that lake object into the warehouse. Both halves are retry-safe, so a
 * restarted run simply does them again.
 */
final class LoadToWarehouseTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(LoadToWarehouseTasklet.class);

    private final Lake lake;
    private final Warehouse warehouse;
    private final PipelineMetrics metrics;

    LoadToWarehouseTasklet(Lake lake, Warehouse warehouse, PipelineMetrics metrics) {
        this.lake = lake;
        this.warehouse = warehouse;
        this.metrics = metrics;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ExecutionContext run = RunContext.of(contribution);
        String lakeKey = RunContext.requireString(run, RunContextKeys.LAKE_KEY);
        Path csv = Path.of(RunContext.requireString(run, RunContextKeys.LOCAL_CSV));
        if (Files.exists(csv)) {
            lake.put(lakeKey, csv);
        } else if (!lake.exists(lakeKey)) {
            throw new IllegalStateException(("The run's CSV %s is gone and the lake has no object %s, so its plays "
                    + "can't be loaded. Start a new run: it fetches again whatever Spotify still lists.")
                    .formatted(csv, lakeKey));
        }
        LoadResult result = warehouse.load(lakeKey);
        run.putLong(RunContextKeys.PLAYS_LOADED, result.inserted());
        run.putLong(RunContextKeys.DUPLICATES_IGNORED, result.duplicatesIgnored());
        contribution.incrementWriteCount(result.inserted());
        contribution.incrementFilterCount(result.duplicatesIgnored());
        metrics.playsIngested(result.inserted());
        log.info("Loaded {}: {} new plays, {} already stored", lakeKey, result.inserted(), result.duplicatesIgnored());
        return RepeatStatus.FINISHED;
    }
}
