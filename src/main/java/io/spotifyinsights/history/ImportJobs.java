package io.spotifyinsights.history;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import io.spotifyinsights.InsightsProperties;
import io.spotifyinsights.lake.Lake;
import io.spotifyinsights.pipeline.TopTenFreshness;
import io.spotifyinsights.play.EpisodeFields;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.PlayMatchers;
import io.spotifyinsights.warehouse.Warehouse;

/**
 * The history import, a Spring Batch job beside the hourly one: {@code unpackExport → importExtendedHistory →
 * importAccountData → backfillFeatures → topTracks} (the last only when plays changed; the backfill gives the most
 * played of the imported tracks their audio features, the hourly runs the rest). The extended history goes first, so account-data
 * records — the same plays again, by the minute and by name — find the plays they repeat already stored.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportProperties.class)
class ImportJobs {

    static final String JOB = "historyImport";
    static final String IMPORT_ID = "importId";
    static final String LISTENER_ID = "listenerId";
    static final String STARTED_AT = "startedAt";
    /** The job context's list of the import's files (JSON). */
    static final String FILES = "files";
    static final String NOTHING_TO_IMPORT = "NOTHING_TO_IMPORT";

    /** One import, as its job parameters name it. */
    record Import(String id, String listenerId, Instant startedAt, Path dir) {

        static Import of(JobParameters parameters, Path importsDir) {
            String id = parameters.getString(IMPORT_ID);
            return new Import(id, parameters.getString(LISTENER_ID), Instant.parse(parameters.getString(STARTED_AT)),
                    importsDir.resolve(id));
        }
    }

    @Bean
    Job historyImportJob(JobRepository jobRepository, Step unpackExportStep, Step importExtendedHistoryStep,
            Step importAccountDataStep, Step importBackfillFeaturesStep, Step topTracksStep, Warehouse warehouse,
            ImportFolders folders) {
        TopTenFreshness topTen = new TopTenFreshness(warehouse);
        return new JobBuilder(JOB, jobRepository)
                .listener(new JobExecutionListener() {
                    @Override
                    public void afterJob(JobExecution execution) {
                        if (execution.getStatus().name().equals("COMPLETED")) {
                            // The export holds more than plays (IP addresses, devices): nothing of it is kept.
                            folders.remove(execution.getJobParameters().getString(IMPORT_ID));
                        }
                    }
                })
                .start(unpackExportStep).on(NOTHING_TO_IMPORT).fail()
                .from(unpackExportStep).on("*").to(importExtendedHistoryStep)
                .next(importAccountDataStep)
                .next(importBackfillFeaturesStep)
                .next(topTen).on(TopTenFreshness.STALE).to(topTracksStep)
                .from(topTen).on("*").end()
                .end()
                .build();
    }

    @Bean
    ImportFolders importFolders(InsightsProperties insights) {
        return new ImportFolders(insights.dataDir().resolve("imports"));
    }

    @Bean
    Step unpackExportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ImportFolders folders, ImportProperties properties) {
        return new StepBuilder("unpackExport", jobRepository).tasklet((contribution, chunkContext) -> {
            StepExecution step = contribution.getStepExecution();
            ExecutionContext job = step.getJobExecution().getExecutionContext();
            if (!job.containsKey(FILES)) {
                Import running = Import.of(step.getJobParameters(), folders.root());
                List<ExportFile> files = new ExportUnpacker(running.dir().resolve("files"),
                        properties.maxUncompressedSize(), properties.maxCompressionRatio())
                        .unpack(folders.uploads(running.id()));
                job.putString(FILES, ImportFolders.toJson(files));
            }
            List<ExportFile> files = ImportFolders.filesFromJson(job.getString(FILES));
            if (files.stream().noneMatch(file -> file.status() == ExportFile.Status.READY)) {
                String why = files.isEmpty() ? "the upload holds no files"
                        : files.stream().map(file -> file.error() == null ? file.name() + ": " + file.status()
                                : file.error()).collect(Collectors.joining("; "));
                contribution.setExitStatus(new ExitStatus(NOTHING_TO_IMPORT, "Found no streaming history to "
                        + "import: " + why));
            }
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }

    @Bean
    Step importExtendedHistoryStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ImportProperties properties, ExportRecordReader extendedHistoryReader,
            ImportedPlaysWriter extendedHistoryWriter) {
        return importStep("importExtendedHistory", jobRepository, transactionManager, properties,
                extendedHistoryReader, extendedHistoryWriter);
    }

    @Bean
    Step importAccountDataStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ImportProperties properties, ExportRecordReader accountDataReader, ImportedPlaysWriter accountDataWriter) {
        return importStep("importAccountData", jobRepository, transactionManager, properties, accountDataReader,
                accountDataWriter);
    }

    private static Step importStep(String name, JobRepository jobRepository,
            PlatformTransactionManager transactionManager, ImportProperties properties, ExportRecordReader reader,
            ImportedPlaysWriter writer) {
        return new StepBuilder(name, jobRepository)
                .<ExportRecord, ExportRecord>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                // No observation per record (a sixth of the step's time): application.yml turns them off, since
                // Spring Batch hands every step the context's registry whatever the builder was given.
                .reader(reader)
                .writer(writer)
                .build();
    }

    private static final Set<ExportKind> EXTENDED = Set.of(ExportKind.EXTENDED_AUDIO, ExportKind.EXTENDED_VIDEO);
    private static final Set<ExportKind> ACCOUNT_DATA = Set.of(ExportKind.ACCOUNT_MUSIC, ExportKind.ACCOUNT_PODCAST);

    @Bean
    @StepScope
    ExportRecordReader extendedHistoryReader(@Value("#{stepExecution}") StepExecution step,
            ImportFolders folders) {
        return reader(step, folders, EXTENDED);
    }

    @Bean
    @StepScope
    ExportRecordReader accountDataReader(@Value("#{stepExecution}") StepExecution step,
            ImportFolders folders) {
        return reader(step, folders, ACCOUNT_DATA);
    }

    @Bean
    @StepScope
    ImportedPlaysWriter extendedHistoryWriter(@Value("#{stepExecution}") StepExecution step,
            ImportFolders folders, ImportProperties properties, PlayMatchers matchers, Warehouse warehouse, Lake lake,
            PlayFields fields, EpisodeFields episodeFields) {
        return writer(step, folders, EXTENDED, "e", properties, matchers, warehouse, lake, fields, episodeFields);
    }

    @Bean
    @StepScope
    ImportedPlaysWriter accountDataWriter(@Value("#{stepExecution}") StepExecution step,
            ImportFolders folders, ImportProperties properties, PlayMatchers matchers, Warehouse warehouse, Lake lake,
            PlayFields fields, EpisodeFields episodeFields) {
        return writer(step, folders, ACCOUNT_DATA, "a", properties, matchers, warehouse, lake, fields,
                episodeFields);
    }

    private static ExportRecordReader reader(StepExecution step, ImportFolders folders,
            Set<ExportKind> kinds) {
        Import running = Import.of(step.getJobParameters(), folders.root());
        return new ExportRecordReader(running.dir(), readyFiles(step, kinds));
    }

    private static ImportedPlaysWriter writer(StepExecution step, ImportFolders folders,
            Set<ExportKind> kinds, String tag, ImportProperties properties, PlayMatchers matchers,
            Warehouse warehouse, Lake lake, PlayFields fields, EpisodeFields episodeFields) {
        Import running = Import.of(step.getJobParameters(), folders.root());
        return new ImportedPlaysWriter(running, tag, readyFiles(step, kinds),
                new ExportRules(properties.minMsPlayed(), properties.includePrivateSessions()), matchers, warehouse,
                lake, fields, episodeFields);
    }

    private static List<ExportFile> readyFiles(StepExecution step, Set<ExportKind> kinds) {
        return ImportFolders.filesFromJson(step.getJobExecution().getExecutionContext().getString(FILES)).stream()
                .filter(file -> file.status() == ExportFile.Status.READY && kinds.contains(file.kind()))
                .toList();
    }
}
