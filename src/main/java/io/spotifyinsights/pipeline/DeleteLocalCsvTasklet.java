package io.spotifyinsights.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Removes the local CSVs the lake now holds: the run's own and those it uploaded for earlier runs. */
final class DeleteLocalCsvTasklet implements Tasklet {

    private final StagedPlays staged;

    DeleteLocalCsvTasklet(StagedPlays staged) {
        this.staged = staged;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        ExecutionContext run = RunContext.of(contribution);
        String uploaded = run.containsKey(RunContextKeys.UPLOADED_KEYS)
                ? run.getString(RunContextKeys.UPLOADED_KEYS) : "";
        for (String key : uploaded.split("\n")) {
            if (!key.isBlank()) {
                staged.delete(key);
            }
        }
        Files.deleteIfExists(Path.of(RunContext.requireString(run, RunContextKeys.LOCAL_CSV)));
        return RepeatStatus.FINISHED;
    }
}
