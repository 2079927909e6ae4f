package io.spotifyinsights.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * At start, before the schedule can fire, marks runs that a crash left STARTED as FAILED, so they can be restarted
 * and no longer block new runs. Only one service instance owns the embedded default's run history.
 */
@Component
final class InterruptedRunRecovery implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(InterruptedRunRecovery.class);

    private final JobRepository jobRepository;
    private final JobOperator jobOperator;

    InterruptedRunRecovery(JobRepository jobRepository, JobOperator jobOperator) {
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (JobExecution interrupted : jobRepository.findRunningJobExecutions(PipelineSteps.JOB)) {
            jobOperator.recover(interrupted);
            log.warn("Run {} was interrupted when the service stopped; marked FAILED. Restart it with "
                    + "POST /api/runs/{}/restart", interrupted.getId(), interrupted.getId());
        }
    }
}
