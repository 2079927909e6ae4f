package io.spotifyinsights.pipeline;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * At start, before the schedule can fire, marks runs that a crash left STARTED as FAILED, so they can be restarted
 * and no longer block new runs. With replicas sharing the history, only runs idle for
 * {@code insights.pipeline.interrupted-after} count as interrupted.
 */
@Component
final class InterruptedRunRecovery implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(InterruptedRunRecovery.class);

    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final PipelineProperties properties;
    private final Clock clock;

    InterruptedRunRecovery(JobRepository jobRepository, JobOperator jobOperator, PipelineProperties properties,
            Clock clock) {
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        LocalDateTime cutoff = LocalDateTime.ofInstant(clock.instant().minus(properties.interruptedAfter()),
                ZoneId.systemDefault());
        for (JobExecution interrupted : jobRepository.findRunningJobExecutions(PipelineSteps.JOB)) {
            LocalDateTime lastUpdated = interrupted.getLastUpdated() != null ? interrupted.getLastUpdated()
                    : interrupted.getCreateTime();
            if (lastUpdated != null && lastUpdated.isAfter(cutoff)) {
                log.info("Run {} is marked STARTED and was updated at {}; leaving it to the replica running it",
                        interrupted.getId(), lastUpdated);
                continue;
            }
            String step = interrupted.getStepExecutions().stream().filter(s -> s.getStatus().isRunning())
                    .map(running -> "step " + running.getStepName()).findFirst().orElse("its first step");
            String why = ("The service stopped while this run was in %s (a crash, a kill or a power loss). Nothing "
                    + "of the step was kept half-done; restart the run (POST /api/runs/%d/restart) or let the next "
                    + "run fetch again.").formatted(step, interrupted.getId());
            interrupted.getStepExecutions().stream().filter(s -> s.getStatus().isRunning())
                    .forEach(s -> s.setExitStatus(ExitStatus.FAILED.addExitDescription(why)));
            interrupted.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
            jobOperator.recover(interrupted);
            log.warn("Run {} was interrupted in {} when the service stopped; marked FAILED. Restart it with "
                    + "POST /api/runs/{}/restart", interrupted.getId(), step, interrupted.getId());
        }
    }
}
