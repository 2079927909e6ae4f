package io.spotifyinsights.history;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import io.spotifyinsights.lake.Lake;
import io.spotifyinsights.lake.LakeKeys;
import io.spotifyinsights.play.Play;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.PlayMatcher;
import io.spotifyinsights.play.PlayMatchers;
import io.spotifyinsights.warehouse.LoadResult;
import io.spotifyinsights.warehouse.Warehouse;

/**
 * Turns a chunk of records into plays and stores them the way every play is stored: one lake object, then the
 * warehouse's idempotent load of it. Records that are the same play as a stored one are matched to it first
 * ({@link PlayMatcher}).
 *
 * <p>The chunk's lake key is fixed by the import and the chunk's number, so a chunk redone after a crash finds its
 * object already in the lake and only loads it again — which stores nothing twice.
 */
class ImportedPlaysWriter implements ItemStreamWriter<ExportRecord> {

    private final ImportJobs.Import job;
    private final String tag;
    private final List<ExportFile> files;
    private final ExportRules rules;
    private final PlayMatchers matchers;
    private final Warehouse warehouse;
    private final Lake lake;
    private final PlayFields fields;
    private ImportCounts counts;
    private PlayMatcher matcher;

    ImportedPlaysWriter(ImportJobs.Import job, String tag, List<ExportFile> files, ExportRules rules,
            PlayMatchers matchers, Warehouse warehouse, Lake lake, PlayFields fields) {
        this.job = job;
        this.tag = tag;
        this.files = List.copyOf(files);
        this.rules = rules;
        this.matchers = matchers;
        this.warehouse = warehouse;
        this.lake = lake;
        this.fields = fields;
    }

    @Override
    public void open(ExecutionContext context) {
        counts = ImportCounts.from(context);
        matcher = matchers.forListener(job.listenerId(), job.startedAt());
        Instant from = files.stream().map(ExportFile::from).filter(Objects::nonNull).min(Instant::compareTo)
                .orElse(null);
        Instant to = files.stream().map(ExportFile::to).filter(Objects::nonNull).max(Instant::compareTo)
                .orElse(null);
        if (from != null) {
            warehouse.storedPlays(job.listenerId(), from.minus(matchers.reach()), to.plus(matchers.reach()),
                    matcher::add);
        }
    }

    @Override
    public void write(Chunk<? extends ExportRecord> chunk) throws IOException {
        List<Play> toStore = new ArrayList<>(chunk.size());
        long duplicates = 0;
        long same = 0;
        for (ExportRecord record : chunk) {
            counts.recordsRead++;
            LeftOut reason = rules.leftOut(record);
            if (reason != null) {
                counts.leaveOut(reason);
                continue;
            }
            Play play = ExportRules.toPlay(record, job.listenerId(), job.startedAt());
            PlayMatcher.Match match = matcher.match(play);
            switch (match.outcome()) {
                case NEW -> toStore.add(play);
                case SAME_AS_STORED -> {
                    toStore.add(play.withUniqueId(match.uniqueId()));
                    same++;
                }
                case DUPLICATE -> duplicates++;
            }
        }
        String key = LakeKeys.plays(job.startedAt(), "import-%s-%s%05d".formatted(job.id(), tag, counts.chunks));
        boolean redone = lake.exists(key);
        if (redone) {
            // Landed, and likely loaded, before the import was interrupted: loading again stores nothing twice,
            // and the load can't tell this chunk's plays from duplicates any more, so the matching's count stands.
            warehouse.load(key);
            counts.playsImported += toStore.size() - same;
            counts.playsMerged += same;
        } else if (!toStore.isEmpty()) {
            PlaysToLake.put(lake, key, toStore, fields,
                    job.dir().resolve("outgoing").resolve("chunk-%s%05d.csv".formatted(tag, counts.chunks)));
            LoadResult result = warehouse.load(key);
            counts.playsImported += result.inserted();
            counts.playsMerged += result.merged();
            duplicates += result.duplicatesIgnored();
        }
        counts.duplicates += duplicates;
        counts.chunks++;
    }

    @Override
    public void update(ExecutionContext context) {
        counts.saveTo(context);
    }
}
