package io.spotifyinsights.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
import org.springframework.batch.core.step.tasklet.TaskletStep;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On SIGTERM (or any orderly stop), after the schedule stopped firing and before the databases and Spark close: no new
 * run starts, the running one gets {@code insights.pipeline.shutdown-grace} to finish, and one that doesn't is asked
 * to stop at its next step boundary ({@code topTracks} cancels its Spark job), which leaves it STOPPED and
 * restartable. One log line says which happened.
 */
@Component
final class GracefulShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);
    /** After asking a run to stop, how long its step may take to notice before the service goes anyway. */
    static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final RunService runService;
    private final WarehouseRebuild rebuild;
    private final ActiveRuns activeRuns;
    private final JobRepository jobRepository;
    private final Map<String, Step> steps;
    private final PipelineProperties properties;
    private volatile boolean running;

    GracefulShutdown(RunService runService, WarehouseRebuild rebuild, ActiveRuns activeRuns,
            JobRepository jobRepository, List<Step> steps, PipelineProperties properties) {
        this.runService = runService;
        this.rebuild = rebuild;
        this.activeRuns = activeRuns;
        this.jobRepository = jobRepository;
        this.steps = steps.stream().collect(Collectors.toMap(Step::getName, step -> step, (a, b) -> a));
        this.properties = properties;
    }

    /** At start, and again when a stopped context is started anew (tests pause and resume cached contexts). */
    @Override
    public void start() {
        runService.acceptRuns();
        rebuild.resume();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        runService.refuseNewRuns();
        try {
            if (!rebuild.stop(properties.shutdownGrace())) {
                log.warn("Stopping: the warehouse rebuild did not finish within {}; nothing of it is kept, and the "
                        + "next start loads what the warehouse lacks", properties.shutdownGrace());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (activeRuns.isIdle()) {
            return;
        }
        Optional<JobExecution> going = going();
        String run = going.map(execution -> "run " + execution.getId()).orElse("the run");
        Duration grace = properties.shutdownGrace();
        if (awaitIdle(grace)) {
            log.info("Stopping: {} was going and finished within {} (status {})", run, grace, status(going));
            return;
        }
        String step = going.map(GracefulShutdown::currentStep).orElse("its step");
        try {
            going.ifPresent(this::requestStop);
        } catch (RuntimeException e) {
            log.warn("Stopping: could not ask {} to stop ({})", run, e.getMessage());
        }
        String restart = going.map(execution -> "POST /api/runs/" + execution.getId() + "/restart")
                .orElse("POST /api/runs/{id}/restart");
        if (awaitIdle(STOP_WAIT)) {
            log.warn("Stopping: {} did not finish within {}, so it was stopped in {} (status {}); restart it with {}, "
                    + "it resumes there", run, grace, step, status(going), restart);
        } else {
            log.warn("Stopping: {} did not finish within {} nor stop within {} in {}; the service stops anyway. The "
                    + "next start marks it FAILED; restart it with {}, nothing of it is kept half-done", run, grace,
                    STOP_WAIT, step, restart);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the scheduler (which stops first, at the default phase), before the web server and the databases. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    /**
     * Marks the run STOPPING, which its thread sees at its next step boundary and ends STOPPED there, and stops the
     * running step's tasklet if it can be stopped. Not {@code JobOperator.stop}: Spring Batch 6.0 sets the end time
     * there, so the run is recorded STOPPED at once while its thread never notices and goes on.
     */
    private void requestStop(JobExecution execution) {
        JobExecution current = jobRepository.getJobExecution(execution.getId());
        if (current == null || !current.isRunning()) {
            return;
        }
        current.setStatus(BatchStatus.STOPPING);
        jobRepository.update(current);
        for (StepExecution step : current.getStepExecutions()) {
            if (step.getStatus().isRunning() && steps.get(step.getStepName()) instanceof TaskletStep taskletStep
                    && taskletStep.getTasklet() instanceof StoppableTasklet stoppable) {
                stoppable.stop(step);
            }
        }
    }

    private boolean awaitIdle(Duration timeout) {
        try {
            return activeRuns.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The run going, from the history — which may itself be what failed (a full disk): then nothing is known. */
    private Optional<JobExecution> going() {
        try {
            return jobRepository.findRunningJobExecutions(PipelineSteps.JOB).stream()
                    .max(java.util.Comparator.comparingLong(JobExecution::getId));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private String status(Optional<JobExecution> going) {
        try {
            return going.map(execution -> jobRepository.getJobExecution(execution.getId()))
                    .map(execution -> execution.getStatus().name()).orElse("unknown");
        } catch (RuntimeException e) {
            return "unknown: the run history can't be read";
        }
    }

    private static String currentStep(JobExecution execution) {
        return execution.getStepExecutions().stream().filter(step -> step.getStatus().isRunning())
                .map(StepExecution::getStepName).map(name -> "step " + name).findFirst()
                .orElse("a step boundary");
    }
}
