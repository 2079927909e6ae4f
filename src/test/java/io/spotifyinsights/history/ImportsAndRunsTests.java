package io.spotifyinsights.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.test.context.SpringBootTest;

import io.spotifyinsights.pipeline.PipelineIntegrationTest;

/** Imports and runs store plays in turns: a run asked for while an import goes is refused at once, not held. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImportsAndRunsTests extends PipelineIntegrationTest {

    @Test
    void aRunAskedForWhileAnImportGoesIsRefusedWithWhereToFollowItAndStartsOnceItEnded() {
        // An import as the run history shows it while it goes.
        JobParameters parameters = new JobParametersBuilder()
                .addString(ImportJobs.IMPORT_ID, UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                .addString(ImportJobs.LISTENER_ID, "turns", false)
                .addString(ImportJobs.STARTED_AT, Instant.now().toString(), false)
                .toJobParameters();
        JobInstance instance = jobRepository.createJobInstance(ImportJobs.JOB, parameters);
        JobExecution going = jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        going.setStatus(BatchStatus.STARTED);
        going.setStartTime(LocalDateTime.now());
        jobRepository.update(going);
        long runsBefore = runHistory.page(0, 1).total();

        HttpResponse<String> refused = post("/api/runs", true);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("An import is going", ImportJobs.JOB, "/api/imports");
        assertThat(runHistory.page(0, 1).total()).isEqualTo(runsBefore);

        going.setStatus(BatchStatus.COMPLETED);
        going.setExitStatus(ExitStatus.COMPLETED);
        going.setEndTime(LocalDateTime.now());
        jobRepository.update(going);

        HttpResponse<String> accepted = post("/api/runs", true);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        long runId = Long.parseLong(accepted.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
        assertThat(awaitEnd(runId).status()).isEqualTo("COMPLETED");
    }
}
