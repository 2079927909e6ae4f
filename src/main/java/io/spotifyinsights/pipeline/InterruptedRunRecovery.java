package io.spotifyinsights.pipeline;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Runs the history shows going that nothing executes become FAILED, with a message that says what to do: at start,
 * before the schedule can fire, and whenever the service finds one while it executes no run itself.
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
        recoverOrphans(true);
    }

    /**
     * Marks FAILED the runs the history shows going that nothing executes — left by a crash, a kill, a power loss, or
     * a run history that could not record a run's end (a full disk) — so they can be restarted and no longer block
     * new runs. With replicas sharing the history, only runs idle for {@code insights.pipeline.interrupted-after}
     * count. Call it only when this process executes no run.
     *
     * @param atStart at start, a run still STARTING counts too (nothing can be launching it)
     */
    synchronized void recoverOrphans(boolean atStart) {
        LocalDateTime cutoff = LocalDateTime.ofInstant(clock.instant().minus(properties.interruptedAfter()),
                ZoneId.systemDefault());
        for (JobExecution orphan : jobRepository.findRunningJobExecutions(PipelineSteps.JOB)) {
            if (!atStart && orphan.getStatus() == BatchStatus.STARTING) {
                continue;
            }
            LocalDateTime lastUpdated = orphan.getLastUpdated() != null ? orphan.getLastUpdated()
                    : orphan.getCreateTime();
            if (lastUpdated != null && lastUpdated.isAfter(cutoff)) {
                log.info("Run {} is marked STARTED and was updated at {}; leaving it to the replica running it",
                        orphan.getId(), lastUpdated);
                continue;
            }
            String step = orphan.getStepExecutions().stream().filter(s -> s.getStatus().isRunning())
                    .map(running -> "step " + running.getStepName()).findFirst().orElse("its first step");
            String why = ("This run was left marked as going in %s, but nothing runs it: the service stopped (a crash, "
                    + "a kill, a power loss) or the run history could not record its end (a full disk). Nothing of "
                    + "the step was kept half-done; restart the run (POST /api/runs/%d/restart) or let the next run "
                    + "fetch again.").formatted(step, orphan.getId());
            orphan.getStepExecutions().stream().filter(s -> s.getStatus().isRunning())
                    .forEach(s -> s.setExitStatus(ExitStatus.FAILED.addExitDescription(why)));
            orphan.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
            jobOperator.recover(orphan);
            log.warn("Run {} was left going in {} with nothing running it; marked FAILED. Restart it with "
                    + "POST /api/runs/{}/restart", orphan.getId(), step, orphan.getId());
        }
    }
}
