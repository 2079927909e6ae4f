package io.spotifyinsights.history;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What an import step did so far. Kept in the step's execution context with each chunk, so a resumed import
 * continues the counts of the chunks it had committed and recounts the one it redoes.
 */
final class ImportCounts {

    static final String PREFIX = "import.";

    long recordsRead;
    long playsImported;
    long playsMerged;
    long duplicates;
    long episodes;
    long chunks;
    final Map<LeftOut, Long> leftOut = new EnumMap<>(LeftOut.class);

    void leaveOut(LeftOut reason) {
        leftOut.merge(reason, 1L, Long::sum);
    }

    void saveTo(ExecutionContext context) {
        context.putLong(PREFIX + "recordsRead", recordsRead);
        context.putLong(PREFIX + "playsImported", playsImported);
        context.putLong(PREFIX + "playsMerged", playsMerged);
        context.putLong(PREFIX + "duplicates", duplicates);
        context.putLong(PREFIX + "episodes", episodes);
        context.putLong(PREFIX + "chunks", chunks);
        for (LeftOut reason : LeftOut.values()) {
            context.putLong(PREFIX + "leftOut." + reason.name(), leftOut.getOrDefault(reason, 0L));
        }
    }

    static ImportCounts from(ExecutionContext context) {
        ImportCounts counts = new ImportCounts();
        counts.recordsRead = context.getLong(PREFIX + "recordsRead", 0);
        counts.playsImported = context.getLong(PREFIX + "playsImported", 0);
        counts.playsMerged = context.getLong(PREFIX + "playsMerged", 0);
        counts.duplicates = context.getLong(PREFIX + "duplicates", 0);
        counts.episodes = context.getLong(PREFIX + "episodes", 0);
        counts.chunks = context.getLong(PREFIX + "chunks", 0);
        for (LeftOut reason : LeftOut.values()) {
            long count = context.getLong(PREFIX + "leftOut." + reason.name(), 0);
            if (count > 0) {
                counts.leftOut.put(reason, count);
            }
        }
        return counts;
    }

    void add(ImportCounts other) {
        recordsRead += other.recordsRead;
        playsImported += other.playsImported;
        playsMerged += other.playsMerged;
        duplicates += other.duplicates;
        episodes += other.episodes;
        chunks += other.chunks;
        other.leftOut.forEach((reason, count) -> leftOut.merge(reason, count, Long::sum));
    }
}
