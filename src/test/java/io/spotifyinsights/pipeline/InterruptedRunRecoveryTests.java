package io.spotifyinsights.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;

class InterruptedRunRecoveryTests extends PipelineIntegrationTest {

    @Autowired
    JobOperator jobOperator;

    @Autowired
    PipelineProperties pipelineProperties;

    @Test
    void aRunLeftStartedByACrashIsMarkedFailedAtStartAndCanBeRestarted() {
        SPOTIFY.listener("crashed");
        SPOTIFY.addPlays(TestPlays.generated(37, 4, java.time.Instant.parse("2026-11-16T08:00:00Z")));
        // What a crash leaves behind: an execution STARTED that no thread runs.
        JobParameters parameters = new JobParametersBuilder().addString(RunService.TRIGGER, "manual")
                .addString(RunService.REQUEST_ID, "crashed-run").toJobParameters();
        JobInstance instance = jobRepository.createJobInstance(PipelineSteps.JOB, parameters);
        JobExecution crashed = jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        crashed.setStartTime(LocalDateTime.now());
        crashed.setStatus(BatchStatus.STARTED);
        jobRepository.update(crashed);
        assertThat(jobRepository.findRunningJobExecutions(PipelineSteps.JOB)).extracting(JobExecution::getId)
                .contains(crashed.getId());

        new InterruptedRunRecovery(jobRepository, jobOperator, pipelineProperties, java.time.Clock.systemUTC())
                .afterSingletonsInstantiated();

        RunView recovered = runHistory.find(crashed.getId()).orElseThrow();
        assertThat(recovered.status()).isEqualTo("FAILED");
        assertThat(recovered.errorMessage()).as("a failed run always says why")
                .contains("nothing runs it", "the service stopped", "POST /api/runs/" + crashed.getId() + "/restart");
        assertThat(runService.runningExecution()).isEmpty();
        RunView restarted = awaitEnd(runService.restart(crashed.getId()).getId());
        assertThat(restarted.status()).isEqualTo("COMPLETED");
        assertThat(restarted.counts().playsLoaded()).isEqualTo(4);
    }

    @Test
    void aRunTheHistoryShowsGoingButNothingRunsNeverBlocksNewRuns() {
        SPOTIFY.listener("orphaned");
        // What a run history that could not record a run's end (a full disk) shows once it works again.
        JobParameters parameters = new JobParametersBuilder().addString(RunService.TRIGGER, "manual")
                .addString(RunService.REQUEST_ID, "orphaned-run").toJobParameters();
        JobExecution orphan = jobRepository.createJobExecution(
                jobRepository.createJobInstance(PipelineSteps.JOB, parameters), parameters, new ExecutionContext());
        orphan.setStartTime(LocalDateTime.now());
        orphan.setStatus(BatchStatus.STARTED);
        jobRepository.update(orphan);

        assertThat(runService.runningExecution()).isEmpty();
        assertThat(runHistory.find(orphan.getId()).orElseThrow().errorMessage())
                .contains("nothing runs it", "a full disk");
        assertThat(runToEnd().status()).isEqualTo("COMPLETED");
    }
}
