package io.spotifyinsights.history;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import io.spotifyinsights.pipeline.RunContextKeys;
import io.spotifyinsights.pipeline.RunHistory;

/**
 * Starts history imports and reports on them. An import runs in the background on the same one-at-a-time
 * executor as the hourly runs, so the two never store plays at the same moment; one interrupted by a crash or a
 * stop is resumed when the service starts again, from the last chunk it committed.
 */
@Service
public class ImportService {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final ImportFolders folders;
    private final Clock clock;
    private final SampleData sampleData;
    private final ExecutorService launcher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "history-import-launcher");
        thread.setDaemon(true);
        return thread;
    });
    /** Imports handed in and not yet started (a run is going). */
    private final Map<String, ImportView> queued = new ConcurrentHashMap<>();

    ImportService(JobOperator jobOperator, JobRepository jobRepository, @Qualifier("historyImportJob") Job job,
            ImportFolders folders, Clock clock, SampleData sampleData) {
        this.sampleData = sampleData;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = job;
        this.folders = folders;
        this.clock = clock;
    }

    @PreDestroy
    void stopLaunching() {
        launcher.shutdownNow();
    }

    /** A new import's folder, to put uploaded files into ({@code upload/}) before {@link #start}. */
    public NewImport prepare() throws IOException {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        return new NewImport(id, folders.create(id).resolve("upload"));
    }

    /** An import being handed in: its id and the folder its uploads go to. */
    public record NewImport(String id, Path uploadDir) {
    }

    /** A file handed in: the name the person knows it by, and where it is (a file or a folder). */
    public record Source(String name, Path path) {
    }

    /** Starts an import of these files in the background; it reads them where they are. */
    public ImportView start(NewImport prepared, List<Source> sources, String listenerId) throws IOException {
        sampleData.remove("an import of a real history started");
        // To the millisecond, as the plays' upload_timestamp is kept: the import knows its own plays by it.
        Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        folders.recordUploads(prepared.id(), sources.stream()
                .map(source -> new ExportUnpacker.Upload(source.name(), source.path())).toList());
        JobParameters parameters = new JobParametersBuilder()
                .addString(ImportJobs.IMPORT_ID, prepared.id())
                .addString(ImportJobs.LISTENER_ID, listenerId, false)
                .addString(ImportJobs.STARTED_AT, startedAt.toString(), false)
                .toJobParameters();
        ImportView waiting = new ImportView(prepared.id(), "QUEUED", listenerId, startedAt, null, List.of(), 0, 0,
                0, 0, 0, Map.of(), 0, 0, null, List.of());
        queued.put(prepared.id(), waiting);
        launcher.execute(() -> {
            try {
                jobOperator.start(job, parameters);
            } catch (Exception e) {
                log.error("Could not start import {}: {}", prepared.id(), e.getMessage(), e);
            } finally {
                queued.remove(prepared.id());
            }
        });
        return waiting;
    }

    /** Imports, newest first. */
    public List<ImportView> list(int limit) {
        List<ImportView> imports = new ArrayList<>(queued.values());
        for (JobInstance instance : jobRepository.getJobInstances(ImportJobs.JOB, 0, limit)) {
            JobExecution last = jobRepository.getLastJobExecution(instance);
            if (last != null) {
                imports.add(view(instance, last));
            }
        }
        imports.sort(Comparator.comparing(ImportView::startedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return imports.stream().limit(limit).toList();
    }

    /** The listener of the newest import, without building its report: asked on every dashboard read. */
    public Optional<String> newestListener() {
        Optional<String> waiting = queued.values().stream().max(Comparator.comparing(ImportView::startedAt))
                .map(ImportView::listenerId);
        if (waiting.isPresent()) {
            return waiting;
        }
        return jobRepository.getJobInstances(ImportJobs.JOB, 0, 1).stream().findFirst()
                .map(jobRepository::getLastJobExecution)
                .map(execution -> execution.getJobParameters().getString(ImportJobs.LISTENER_ID));
    }

    public Optional<ImportView> find(String id) {
        ImportView waiting = queued.get(id);
        if (waiting != null) {
            return Optional.of(waiting);
        }
        JobInstance instance = jobRepository.getJobInstance(ImportJobs.JOB, new JobParametersBuilder()
                .addString(ImportJobs.IMPORT_ID, id).toJobParameters());
        if (instance == null) {
            return Optional.empty();
        }
        JobExecution last = jobRepository.getLastJobExecution(instance);
        return Optional.ofNullable(last).map(execution -> view(instance, execution));
    }

    /** Whether an import is waiting or going. */
    public boolean busy() {
        return !queued.isEmpty() || !jobRepository.findRunningJobExecutions(ImportJobs.JOB).isEmpty();
    }

    /**
     * At start nothing runs an import yet: one the history shows going was interrupted (a crash, a kill, a stop). It
     * is marked FAILED and restarted; it resumes at the first chunk it had not committed.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeInterrupted() {
        for (JobExecution interrupted : jobRepository.findRunningJobExecutions(ImportJobs.JOB)) {
            interrupted.setExitStatus(ExitStatus.FAILED.addExitDescription("Interrupted: the service stopped while "
                    + "the import ran. It was resumed when the service started again."));
            interrupted.getStepExecutions().stream().filter(step -> step.getStatus().isRunning())
                    .forEach(step -> step.setExitStatus(ExitStatus.FAILED));
            JobExecution failed = jobOperator.recover(interrupted);
            String id = failed.getJobParameters().getString(ImportJobs.IMPORT_ID);
            log.warn("Import {} was interrupted; resuming it", id);
            launcher.execute(() -> {
                try {
                    jobOperator.restart(failed);
                } catch (Exception e) {
                    log.error("Could not resume import {}: {}. Start it again with the export.", id,
                            e.getMessage(), e);
                }
            });
        }
    }

    private ImportView view(JobInstance instance, JobExecution execution) {
        JobParameters parameters = execution.getJobParameters();
        String id = parameters.getString(ImportJobs.IMPORT_ID);
        List<ExportFile> files = execution.getExecutionContext().containsKey(ImportJobs.FILES)
                ? ImportFolders.filesFromJson(execution.getExecutionContext().getString(ImportJobs.FILES))
                : List.of();
        ImportCounts counts = new ImportCounts();
        for (String step : List.of("importExtendedHistory", "importAccountData")) {
            StepExecution last = jobRepository.getLastStepExecution(instance, step);
            if (last != null) {
                counts.add(ImportCounts.from(last.getExecutionContext()));
            }
        }
        long total = files.stream().filter(file -> file.status() == ExportFile.Status.READY)
                .mapToLong(ExportFile::records).sum();
        List<String> errors = new ArrayList<>();
        files.stream().filter(file -> file.status() == ExportFile.Status.FAILED).map(ExportFile::error)
                .forEach(errors::add);
        if (execution.getStatus() == BatchStatus.FAILED) {
            Stream.concat(execution.getStepExecutions().stream().map(StepExecution::getExitStatus),
                    Stream.of(execution.getExitStatus()))
                    .map(ExitStatus::getExitDescription)
                    .map(RunHistory::personReadable)
                    .filter(Objects::nonNull)
                    .distinct()
                    .forEach(errors::add);
        }
        Map<LeftOut, Long> leftOut = new LinkedHashMap<>(counts.leftOut);
        return new ImportView(id, execution.getStatus().name(), parameters.getString(ImportJobs.LISTENER_ID),
                Instant.parse(parameters.getString(ImportJobs.STARTED_AT)),
                execution.getEndTime() == null ? null : execution.getEndTime().atZone(ZoneId.systemDefault()).toInstant(),
                files.stream().map(file -> new ImportView.FileView(file.name(),
                        file.kind() == null ? null : file.kind().description(), file.status().name(), file.records(),
                        file.error())).toList(),
                total, counts.recordsRead, counts.playsImported, counts.playsMerged, counts.duplicates, leftOut,
                counts.episodes, execution.getExecutionContext().getLong(RunContextKeys.FEATURES_FILLED, 0),
                execution.getExecutionContext().containsKey(RunContextKeys.FEATURES_PROVIDER)
                        ? execution.getExecutionContext().getString(RunContextKeys.FEATURES_PROVIDER) : null,
                errors);
    }
}
