package io.spotifyinsights.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import io.spotifyinsights.warehouse.FeatureCoverage;

/**
 * Reads the run history Spring Batch keeps and shows every run with all four steps — including the ones Batch has
 * no record of because the run ended before them.
 */
@Service
public final class RunHistory {

    private static final Pattern STACK_FRAME = Pattern.compile("\\R\\s*at\\s.*", Pattern.DOTALL);
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("^[\\w.$]+(?:Exception|Error):\\s*");

    private final JobRepository jobRepository;
    private final JdbcTemplate jdbc;

    RunHistory(JobRepository jobRepository, JdbcTemplate jdbc) {
        this.jobRepository = jobRepository;
        this.jdbc = jdbc;
    }

    /** Runs newest first. */
    public RunPage page(int page, int size) {
        Long total = jdbc.queryForObject("""
                SELECT COUNT(*) FROM BATCH_JOB_EXECUTION E
                JOIN BATCH_JOB_INSTANCE I ON I.JOB_INSTANCE_ID = E.JOB_INSTANCE_ID
                WHERE I.JOB_NAME = ?""", Long.class, PipelineSteps.JOB);
        List<Long> ids = executionIds(size, (long) page * size);
        List<RunView> runs = ids.stream().map(this::find).flatMap(Optional::stream).toList();
        return new RunPage(runs, page, size, total == null ? 0 : total);
    }

    public Optional<RunView> find(long id) {
        return execution(id).map(this::view);
    }

    /** The pipeline's execution with this id, if there is one. */
    Optional<JobExecution> execution(long id) {
        try {
            return Optional.ofNullable(jobRepository.getJobExecution(id))
                    .filter(execution -> PipelineSteps.JOB.equals(execution.getJobInstance().getJobName()));
        } catch (EmptyResultDataAccessException e) {
            // Spring Batch 6 throws for an id it has never seen instead of answering null.
            return Optional.empty();
        }
    }

    /** When the newest run that completed ended, whether or not it found new plays. */
    public Optional<Instant> lastSuccessfulRunEnd() {
        List<java.sql.Timestamp> ends = jdbc.queryForList("""
                SELECT E.END_TIME FROM BATCH_JOB_EXECUTION E
                JOIN BATCH_JOB_INSTANCE I ON I.JOB_INSTANCE_ID = E.JOB_INSTANCE_ID
                WHERE I.JOB_NAME = ? AND E.STATUS = 'COMPLETED'
                ORDER BY E.END_TIME DESC
                LIMIT 1""", java.sql.Timestamp.class, PipelineSteps.JOB);
        return ends.stream().findFirst().map(end -> toInstant(end.toLocalDateTime()));
    }

    /** The pipeline's execution ids, newest first. */
    private List<Long> executionIds(int limit, long offset) {
        return jdbc.queryForList("""
                SELECT E.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION E
                JOIN BATCH_JOB_INSTANCE I ON I.JOB_INSTANCE_ID = E.JOB_INSTANCE_ID
                WHERE I.JOB_NAME = ?
                ORDER BY E.JOB_EXECUTION_ID DESC
                LIMIT ? OFFSET ?""", Long.class, PipelineSteps.JOB, limit, offset);
    }

    /** The listener the newest run fetched plays for. */
    public Optional<String> lastListenerId() {
        return latest(RunContextKeys.LISTENER_ID, String.class);
    }

    /**
     * What the newest runs' features backfills recorded, each value from the newest run that has it; null where none
     * has.
     *
     * @param unavailable Spotify refused features to this app and no other provider gave them
     * @param provider    who gave the features
     * @param coverage    how far the tracks of stored plays had their features after the run
     */
    public record FeaturesSeen(Boolean unavailable, String provider, FeatureCoverage coverage) {
    }

    /** The features the newest runs recorded, their contexts read once: the dashboard asks on every load. */
    public FeaturesSeen lastFeatures() {
        Map<String, Object> newest = latest(List.of(RunContextKeys.FEATURES_UNAVAILABLE,
                RunContextKeys.FEATURES_PROVIDER, RunContextKeys.TRACKS, RunContextKeys.TRACKS_WITH_FEATURES,
                RunContextKeys.TRACKS_TO_ASK));
        // The backfill records the three counts together.
        FeatureCoverage coverage = newest.get(RunContextKeys.TRACKS) instanceof Long tracks
                ? new FeatureCoverage(tracks, (Long) newest.get(RunContextKeys.TRACKS_WITH_FEATURES),
                        (Long) newest.get(RunContextKeys.TRACKS_TO_ASK))
                : null;
        return new FeaturesSeen((Boolean) newest.get(RunContextKeys.FEATURES_UNAVAILABLE),
                (String) newest.get(RunContextKeys.FEATURES_PROVIDER), coverage);
    }

    /**
     * A value the newest of the recent runs recorded, reading only their contexts: the dashboard asks on every
     * load, so no step views are built.
     */
    private <T> Optional<T> latest(String key, Class<T> type) {
        Object value = latest(List.of(key)).get(key);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    /** The newest value of each key among the recent runs, each run's context read once. */
    private Map<String, Object> latest(List<String> keys) {
        Map<String, Object> newest = new HashMap<>();
        for (long id : executionIds(20, 0)) {
            if (newest.size() == keys.size()) {
                break;
            }
            execution(id).map(JobExecution::getExecutionContext).ifPresent(context -> keys.stream()
                    .filter(key -> !newest.containsKey(key) && context.get(key) != null)
                    .forEach(key -> newest.put(key, context.get(key))));
        }
        return newest;
    }

    private RunView view(JobExecution execution) {
        List<StepView> steps = new ArrayList<>();
        for (String stepName : PipelineSteps.IN_ORDER) {
            steps.add(stepView(execution, stepName));
        }
        Instant started = toInstant(execution.getStartTime());
        Instant ended = toInstant(execution.getEndTime());
        return new RunView(
                execution.getId(),
                execution.getJobInstanceId(),
                parameter(execution, RunService.TRIGGER),
                parameter(execution, RunService.SCHEDULED_TIME),
                earlierExecution(execution).map(JobExecution::getId).orElse(null),
                execution.getStatus().name(),
                execution.getExitStatus().getExitCode(),
                toInstant(execution.getCreateTime()),
                started,
                ended,
                duration(started, ended),
                counts(execution.getExecutionContext()),
                steps,
                errorMessage(execution, steps));
    }

    /**
     * Why a run failed or stopped, for a person: the failed step's message, else the run's own (a crash recovered
     * at start), else a pointer to the log — a failed run never shows no reason at all.
     */
    private static String errorMessage(JobExecution execution, List<StepView> steps) {
        Optional<String> fromStep = steps.stream().map(StepView::errorMessage).filter(message -> message != null)
                .findFirst();
        if (fromStep.isPresent() || !execution.getStatus().isUnsuccessful()) {
            return fromStep.orElse(null);
        }
        String own = personReadable(execution.getExitStatus().getExitDescription());
        return own != null ? own : "The run %s without a message; the service log around %s has the details."
                .formatted(execution.getStatus().name().toLowerCase(java.util.Locale.ROOT),
                        toInstant(execution.getEndTime() != null ? execution.getEndTime() : execution.getCreateTime()));
    }

    private StepView stepView(JobExecution execution, String stepName) {
        Optional<StepExecution> own = execution.getStepExecutions().stream()
                .filter(step -> step.getStepName().equals(stepName))
                .max(Comparator.comparingLong(StepExecution::getId));
        if (own.isPresent()) {
            return stepView(own.get(), execution.getId());
        }
        // A restart does not repeat the steps an earlier run of the same instance completed.
        StepExecution earlier = jobRepository.getLastStepExecution(execution.getJobInstance(), stepName);
        if (earlier != null && earlier.getJobExecutionId() < execution.getId()
                && earlier.getStatus() == BatchStatus.COMPLETED) {
            return stepView(earlier, earlier.getJobExecutionId());
        }
        if (execution.isRunning()) {
            return StepView.notExecuted(stepName, "PENDING");
        }
        return StepView.notExecuted(stepName, execution.getStatus() == BatchStatus.COMPLETED ? "SKIPPED" : "NOT_RUN");
    }

    private static StepView stepView(StepExecution step, long ranInRun) {
        Instant started = toInstant(step.getStartTime());
        Instant ended = toInstant(step.getEndTime());
        return new StepView(step.getStepName(), step.getStatus().name(), step.getExitStatus().getExitCode(), started,
                ended, duration(started, ended), step.getReadCount(), step.getWriteCount(), step.getFilterCount(),
                ranInRun, step.getStatus() == BatchStatus.FAILED
                        ? personReadable(step.getExitStatus().getExitDescription()) : null);
    }

    private Optional<JobExecution> earlierExecution(JobExecution execution) {
        return jobRepository.getJobExecutions(execution.getJobInstance()).stream()
                .filter(other -> other.getId() < execution.getId())
                .max(Comparator.comparingLong(JobExecution::getId));
    }

    private static RunView.RunCounts counts(ExecutionContext context) {
        return new RunView.RunCounts(
                (String) context.get(RunContextKeys.LISTENER_ID),
                (Long) context.get(RunContextKeys.PLAYS_FETCHED),
                (Long) context.get(RunContextKeys.PLAYS_LOADED),
                (Long) context.get(RunContextKeys.DUPLICATES_IGNORED),
                (Boolean) context.get(RunContextKeys.GAP_DETECTED),
                (Boolean) context.get(RunContextKeys.FEATURES_UNAVAILABLE),
                (String) context.get(RunContextKeys.FEATURES_PROVIDER),
                (Long) context.get(RunContextKeys.FEATURES_FILLED),
                (Long) context.get(RunContextKeys.TRACKS),
                (Long) context.get(RunContextKeys.TRACKS_WITH_FEATURES),
                (Long) context.get(RunContextKeys.TRACKS_TO_ASK),
                (Long) context.get(RunContextKeys.TOP_TRACKS_WRITTEN));
    }

    /** Spring Batch keeps a failed step's stack trace; a person needs its first message. */
    public static String personReadable(String exitDescription) {
        if (exitDescription == null || exitDescription.isBlank()) {
            return null;
        }
        String withoutStack = STACK_FRAME.matcher(exitDescription).replaceFirst("");
        return EXCEPTION_PREFIX.matcher(withoutStack.strip()).replaceFirst("");
    }

    private static String parameter(JobExecution execution, String name) {
        JobParameter<?> parameter = execution.getJobParameters().getParameter(name);
        return parameter == null ? null : String.valueOf(parameter.value());
    }

    private static Instant toInstant(LocalDateTime time) {
        // Spring Batch records local date-times in the JVM's zone.
        return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
    }

    private static Long duration(Instant started, Instant ended) {
        return started == null || ended == null ? null : Duration.between(started, ended).toMillis();
    }
}
