package io.spotifyinsights.history;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import io.spotifyinsights.lake.CsvToLake;
import io.spotifyinsights.lake.Lake;
import io.spotifyinsights.lake.LakeKeys;
import io.spotifyinsights.play.Episode;
import io.spotifyinsights.play.EpisodeFields;
import io.spotifyinsights.play.Play;
import io.spotifyinsights.play.PlayFields;
import io.spotifyinsights.play.PlayMatcher;
import io.spotifyinsights.play.PlayMatchers;
import io.spotifyinsights.warehouse.LoadResult;
import io.spotifyinsights.warehouse.Warehouse;

/**
 * Turns a chunk of records into plays and episodes and stores them the way every play is stored: one lake object
 * for each, then the warehouse's idempotent load of them. Records that are the same play as a stored one are matched
 * to it first ({@link PlayMatcher}); episodes already stored are not stored again ({@link EpisodeMatcher}).
 *
 * <p>The chunk's lake keys are fixed by the import and the chunk's number, so a chunk redone after a crash finds its
 * objects already in the lake and only loads them again — which stores nothing twice.
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
    private final EpisodeFields episodeFields;
    private ImportCounts counts;
    private PlayMatcher matcher;
    private EpisodeMatcher episodeMatcher;

    ImportedPlaysWriter(ImportJobs.Import job, String tag, List<ExportFile> files, ExportRules rules,
            PlayMatchers matchers, Warehouse warehouse, Lake lake, PlayFields fields, EpisodeFields episodeFields) {
        this.job = job;
        this.tag = tag;
        this.files = List.copyOf(files);
        this.rules = rules;
        this.matchers = matchers;
        this.warehouse = warehouse;
        this.lake = lake;
        this.fields = fields;
        this.episodeFields = episodeFields;
    }

    @Override
    public void open(ExecutionContext context) {
        counts = ImportCounts.from(context);
        matcher = matchers.forListener(job.listenerId(), job.startedAt());
        episodeMatcher = new EpisodeMatcher(files.stream().allMatch(file -> file.kind().extended()),
                job.startedAt());
        Instant from = files.stream().map(ExportFile::from).filter(Objects::nonNull).min(Instant::compareTo)
                .orElse(null);
        Instant to = files.stream().map(ExportFile::to).filter(Objects::nonNull).max(Instant::compareTo)
                .orElse(null);
        if (from != null) {
            warehouse.storedPlays(job.listenerId(), from.minus(matchers.reach()), to.plus(matchers.reach()),
                    matcher::add);
            warehouse.storedEpisodes(job.listenerId(), from.minus(matchers.reach()), to.plus(matchers.reach()),
                    episodeMatcher::add);
        }
    }

    @Override
    public void write(Chunk<? extends ExportRecord> chunk) throws IOException {
        List<Play> toStore = new ArrayList<>(chunk.size());
        List<Episode> episodes = new ArrayList<>();
        long duplicates = 0;
        long same = 0;
        long newEpisodes = 0;
        for (ExportRecord record : chunk) {
            counts.recordsRead++;
            LeftOut reason = rules.leftOut(record);
            if (reason != null) {
                counts.leaveOut(reason);
                continue;
            }
            if (ExportRules.isSpoken(record)) {
                Episode episode = ExportRules.toEpisode(record, job.listenerId(), job.startedAt());
                switch (episodeMatcher.match(episode)) {
                    case NEW -> {
                        episodes.add(episode);
                        newEpisodes++;
                    }
                    case COMPLETES_STORED -> {
                        episodes.add(episode);
                        duplicates++;
                    }
                    case DUPLICATE -> duplicates++;
                }
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
        String name = "import-%s-%s%05d".formatted(job.id(), tag, counts.chunks);
        // The chunk's episodes and plays go into the warehouse in one load: one transaction (and one commit, which is
        // where DuckDB writes to disk) instead of two, and a chunk is stored whole or not at all.
        List<String> toLoad = new ArrayList<>(2);
        String episodesKey = LakeKeys.episodes(job.startedAt(), name);
        if (landEpisodes(episodesKey, episodes)) {
            toLoad.add(episodesKey);
        }
        counts.episodes += newEpisodes;
        String key = LakeKeys.plays(job.startedAt(), name);
        boolean redone = lake.exists(key);
        if (redone) {
            // Landed, and likely loaded, before the import was interrupted: loading again stores nothing twice,
            // and the load can't tell this chunk's plays from duplicates any more, so the matching's count stands.
            toLoad.add(key);
        } else if (!toStore.isEmpty()) {
            CsvToLake.put(lake, key, toStore, fields,
                    job.dir().resolve("outgoing").resolve("chunk-%s%05d.csv".formatted(tag, counts.chunks)));
            toLoad.add(key);
        }
        LoadResult result = warehouse.load(toLoad);
        if (redone) {
            counts.playsImported += toStore.size() - same;
            counts.playsMerged += same;
        } else {
            counts.playsImported += result.inserted();
            counts.playsMerged += result.merged();
            duplicates += result.duplicatesIgnored();
        }
        counts.duplicates += duplicates;
        counts.chunks++;
    }

    /**
     * Lands the chunk's episodes, unless a crash left them landed already; whether there is an object to load. The
     * matcher, not the load, counts them, so a redone chunk counts as the first time.
     */
    private boolean landEpisodes(String key, List<Episode> episodes) throws IOException {
        if (lake.exists(key)) {
            return true;
        }
        if (episodes.isEmpty()) {
            return false;
        }
        CsvToLake.put(lake, key, episodes, episodeFields,
                job.dir().resolve("outgoing").resolve("chunk-%s%05d-episodes.csv".formatted(tag, counts.chunks)));
        return true;
    }

    @Override
    public void update(ExecutionContext context) {
        counts.saveTo(context);
    }
}
