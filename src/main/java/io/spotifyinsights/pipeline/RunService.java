package io.spotifyinsights.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * Starts runs — by schedule, by hand, or as a restart — one at a time. A run is identified by its trigger and either
 * the time the schedule fired for or the request, so each fire of the schedule, whatever its cron, is one job
 * instance: firing a failed one again resumes it, and a completed one never runs twice.
 */
@Service
public final class RunService {

    public static final String TRIGGER = "trigger";
    public static final String SCHEDULED_TIME = "scheduledTime";
    public static final String REQUEST_ID = "requestId";
    public static final String REQUESTED_AT = "requestedAt";

    private static final Logger log = LoggerFactory.getLogger(RunService.class);
    private static final Duration POLL = Duration.ofMillis(250);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final Clock clock;
    private final PipelineProperties properties;
    private final RunHistory runHistory;
    private final WarehouseRebuild rebuild;
    private final ActiveRuns activeRuns;
    private final InterruptedRunRecovery recovery;
    private volatile boolean stopping;

    RunService(JobOperator jobOperator, JobRepository jobRepository, Job spotifyPipelineJob, Clock clock,
            PipelineProperties properties, RunHistory runHistory, WarehouseRebuild rebuild, ActiveRuns activeRuns,
            InterruptedRunRecovery recovery) {
        this.runHistory = runHistory;
        this.rebuild = rebuild;
        this.activeRuns = activeRuns;
        this.recovery = recovery;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = spotifyPipelineJob;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Starts a run now, in the background.
     *
     * @throws RunAlreadyGoingException naming the run that is going
     */
    public synchronized JobExecution startManual() {
        requireNotStopping();
        return rebuild.whileIdle(() -> {
            requireNoneRunning();
            JobParameters parameters = new JobParametersBuilder()
                    .addString(TRIGGER, "manual")
                    .addString(REQUEST_ID, UUID.randomUUID().toString())
                    .addString(REQUESTED_AT, clock.instant().toString())
                    .toJobParameters();
            return launch(parameters);
        });
    }

    /**
     * Restarts a FAILED or STOPPED run in the background; it resumes at the step that failed or was stopped.
     *
     * @throws RunNotFoundException       when there is no such run
     * @throws RunNotRestartableException when the run did not fail and was not stopped
     * @throws RunAlreadyGoingException   naming the run that is going
     */
    public synchronized JobExecution restart(long runId) {
        JobExecution execution = runHistory.execution(runId).orElseThrow(() -> new RunNotFoundException(runId));
        if (execution.getStatus() != BatchStatus.FAILED && execution.getStatus() != BatchStatus.STOPPED) {
            throw new RunNotRestartableException(runId, execution.getStatus().name());
        }
        requireNotStopping();
        return rebuild.whileIdle(() -> {
            requireNoneRunning();
            try {
                return jobOperator.restart(execution);
            } catch (JobRestartException e) {
                throw new RunNotRestartableException(runId, "not restartable (" + e.getMessage() + ")");
            }
        });
    }

    /**
     * The scheduled run of one fire of the schedule: waits for a run, a rebuild or an import that is going (up to
     * {@code insights.pipeline.scheduled-run-wait}), then runs and returns once the run has ended. Empty when that
     * fire already completed or the wait ran out.
     */
    public Optional<JobExecution> runScheduled(Instant scheduledTime) {
        if (!awaitNoneRunning(properties.scheduledRunWait())) {
            log.warn("Skipped the run of {}: another run is still going after {}", scheduledTime,
                    properties.scheduledRunWait());
            return Optional.empty();
        }
        Optional<JobExecution> started;
        synchronized (this) {
            try {
                started = rebuild.whileIdle(() -> startScheduled(scheduledTime));
            } catch (WarehouseRebuildingException e) {
                log.warn("Skipped the run of {}: a rebuild of the warehouse started at the same moment", scheduledTime);
                return Optional.empty();
            }
        }
        if (started.isEmpty()) {
            return Optional.empty();
        }
        awaitEnd(started.get().getId());
        return Optional.ofNullable(jobRepository.getJobExecution(started.get().getId()));
    }

    private Optional<JobExecution> startScheduled(Instant scheduledTime) {
        if (stopping) {
            log.info("Skipped the run of {}: the service is stopping", scheduledTime);
            return Optional.empty();
        }
        if (runningExecution().isPresent() || otherJobGoing().isPresent()) {
            log.warn("Skipped the run of {}: a run or an import was started at the same moment", scheduledTime);
            return Optional.empty();
        }
        JobParameters parameters = new JobParametersBuilder()
                .addString(TRIGGER, "schedule")
                .addString(SCHEDULED_TIME, scheduledTime.toString())
                .toJobParameters();
        try {
            return Optional.of(jobOperator.start(job, parameters));
        } catch (JobInstanceAlreadyCompleteException e) {
            log.info("The run of {} already completed; nothing to do", scheduledTime);
            return Optional.empty();
        } catch (JobExecutionAlreadyRunningException e) {
            log.warn("The run of {} is already going", scheduledTime);
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the run of " + scheduledTime + ": " + e.getMessage(), e);
        }
    }

    /** From now on no run starts: the service is stopping. */
    synchronized void refuseNewRuns() {
        stopping = true;
    }

    synchronized void acceptRuns() {
        stopping = false;
    }

    private void requireNotStopping() {
        if (stopping) {
            throw new ServiceStoppingException();
        }
    }

    /**
     * The run that is going, if any. One the history shows going while this process executes none is an orphan (the
     * history could not record its end) and is marked FAILED first, so it never blocks runs for good.
     */
    public Optional<JobExecution> runningExecution() {
        Set<JobExecution> marked = jobRepository.findRunningJobExecutions(PipelineSteps.JOB);
        if (!marked.isEmpty() && activeRuns.isIdle()) {
            // Under the lock runs start with, so a run being launched is never taken for an orphan.
            synchronized (this) {
                if (activeRuns.isIdle()) {
                    recovery.recoverOrphans(false);
                }
            }
            marked = jobRepository.findRunningJobExecutions(PipelineSteps.JOB);
        }
        return marked.stream().max(Comparator.comparingLong(JobExecution::getId));
    }

    private void requireNoneRunning() {
        runningExecution().ifPresent(running -> {
            throw new RunAlreadyGoingException(running.getId());
        });
        requireNoOtherJob();
    }

    /** @throws OtherJobGoingException while another job of the service (a history import) is going */
    void requireNoOtherJob() {
        otherJobGoing().ifPresent(other -> {
            throw new OtherJobGoingException(other.getJobInstance().getJobName(), other.getId());
        });
    }

    /**
     * Another batch job of the service going — a history import. It runs on the same one-at-a-time executor, so a
     * run started beside it would only wait for it inside the executor, holding the caller.
     */
    private Optional<JobExecution> otherJobGoing() {
        return jobRepository.getJobNames().stream()
                .filter(name -> !name.equals(PipelineSteps.JOB))
                .flatMap(name -> jobRepository.findRunningJobExecutions(name).stream())
                .min(Comparator.comparingLong(JobExecution::getId));
    }

    private JobExecution launch(JobParameters parameters) {
        try {
            return jobOperator.start(job, parameters);
        } catch (RuntimeException e) {
            // A run history that can't be written (a full disk) says so itself; see ApiExceptionHandler.
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not start a run: " + e.getMessage(), e);
        }
    }

    private boolean awaitNoneRunning(Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        while (runningExecution().isPresent() || rebuild.inProgress() || otherJobGoing().isPresent()) {
            if (clock.instant().isAfter(deadline)) {
                return false;
            }
            sleep();
        }
        return true;
    }

    private void awaitEnd(long executionId) {
        while (true) {
            JobExecution execution = jobRepository.getJobExecution(executionId);
            if (execution == null || !execution.isRunning()) {
                return;
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a run to end", e);
        }
    }
}
