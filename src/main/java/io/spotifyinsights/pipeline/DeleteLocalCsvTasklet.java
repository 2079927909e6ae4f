package io.spotifyinsights.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Removes the run's local CSV once the lake and the warehouse have it; a file already gone is fine. */
final class DeleteLocalCsvTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(DeleteLocalCsvTasklet.class);

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        Path csv = Path.of(RunContext.requireString(RunContext.of(contribution), RunContextKeys.LOCAL_CSV));
        if (Files.deleteIfExists(csv)) {
            log.debug("Deleted {}", csv);
        }
        return RepeatStatus.FINISHED;
    }
}
