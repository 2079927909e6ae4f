package io.spotifyinsights.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.spotifyinsights.lake.Lake;
import io.spotifyinsights.warehouse.LakeCatchUp;
import io.spotifyinsights.warehouse.LoadResult;

/**
 * Puts the run's CSV into the lake — and any CSV an earlier run fetched but never uploaded — then loads into the
 * warehouse every lake object it does not have yet, the run's own included. Each half is retry-safe (the lake never
 * takes other bytes under a key, a load keeps each play once), so a restarted run simply does them again.
 */
final class LoadToWarehouseTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(LoadToWarehouseTasklet.class);

    private final Lake lake;
    private final StagedPlays staged;
    private final LakeCatchUp catchUp;
    private final PipelineMetrics metrics;

    LoadToWarehouseTasklet(Lake lake, StagedPlays staged, LakeCatchUp catchUp, PipelineMetrics metrics) {
        this.lake = lake;
        this.staged = staged;
        this.catchUp = catchUp;
        this.metrics = metrics;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ExecutionContext run = RunContext.of(contribution);
        String lakeKey = RunContext.requireString(run, RunContextKeys.LAKE_KEY);
        Path ownCsv = Path.of(RunContext.requireString(run, RunContextKeys.LOCAL_CSV));
        List<String> uploaded = new ArrayList<>();
        for (String key : staged.keys()) {
            lake.put(key, staged.path(key));
            uploaded.add(key);
        }
        if (!uploaded.contains(lakeKey)) {
            if (Files.exists(ownCsv)) {
                // Fetched by a version that staged files elsewhere.
                lake.put(lakeKey, ownCsv);
            } else if (!lake.exists(lakeKey)) {
                throw new IllegalStateException(("The run's CSV %s is gone and the lake has no object %s, so its "
                        + "plays can't be loaded. Start a new run: it fetches again whatever Spotify still lists.")
                        .formatted(ownCsv, lakeKey));
            }
        }
        if (uploaded.size() > 1) {
            log.info("Uploaded {} file(s) earlier runs fetched but did not upload", uploaded.size() - 1);
        }
        LoadResult result = catchUp.catchUp(lakeKey);
        run.putString(RunContextKeys.UPLOADED_KEYS, String.join("\n", uploaded));
        run.putLong(RunContextKeys.PLAYS_LOADED, result.inserted());
        run.putLong(RunContextKeys.DUPLICATES_IGNORED, result.duplicatesIgnored());
        contribution.incrementWriteCount(result.inserted());
        contribution.incrementFilterCount(result.duplicatesIgnored());
        metrics.playsIngested(result.inserted());
        log.info("Loaded {}: {} new plays, {} already stored", lakeKey, result.inserted(), result.duplicatesIgnored());
        return RepeatStatus.FINISHED;
    }
}
