package io.spotifyinsights.warehouse;

import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.spotifyinsights.lake.Lake;
import io.spotifyinsights.lake.LakeKeys;

/**
 * Keeps the warehouse what the lake says it is: the lake is the source of truth, the warehouse is derived from it.
 * {@link #catchUp()} loads every lake object the warehouse has not loaded (after a crash between the two, or a
 * warehouse restored from an old backup); {@link #rebuild()} makes the warehouse again from the lake alone.
 */
@Component
public final class LakeCatchUp {

    private static final Logger log = LoggerFactory.getLogger(LakeCatchUp.class);

    private final Lake lake;
    private final Warehouse warehouse;

    LakeCatchUp(Lake lake, Warehouse warehouse) {
        this.lake = lake;
        this.warehouse = warehouse;
    }

    /** Every file of plays, of episodes and of tracks the lake holds. */
    public List<String> lakeObjects() {
        return java.util.stream.Stream.of(
                lake.list(LakeKeys.PLAYS).stream().filter(LakeKeys::isPlays),
                lake.list(LakeKeys.EPISODES).stream().filter(LakeKeys::isEpisodes),
                lake.list(LakeKeys.TRACKS).stream().filter(LakeKeys::isTracks)).flatMap(keys -> keys).toList();
    }

    /**
     * What the warehouse lacks of the lake.
     *
     * @param missing       the lake's files of plays the warehouse has not loaded
     * @param nothingLoaded the warehouse has loaded no lake object at all (its file was lost, or it is new)
     */
    public record Gap(List<String> missing, boolean nothingLoaded) {
    }

    public Gap gap() {
        Set<String> loaded = warehouse.loadedKeys();
        return new Gap(lakeObjects().stream().filter(key -> !loaded.contains(key)).toList(), loaded.isEmpty());
    }

    /** The lake's files of plays the warehouse has not loaded. */
    public List<String> missing() {
        return gap().missing();
    }

    /** Loads the lake objects the warehouse lacks; nothing when it lacks none. */
    public LoadResult catchUp() {
        return catchUp(null);
    }

    /**
     * Loads the lake objects the warehouse lacks, in one load. When that fails, each is loaded on its own, so one
     * bad file (a foreign CSV put under plays/ by hand) costs its own plays only, and says so — except
     * {@code mustLoad}, the run's own object, whose failure fails the catch-up.
     */
    public LoadResult catchUp(String mustLoad) {
        List<String> missing = missing();
        if (missing.isEmpty()) {
            return new LoadResult(0, 0, 0);
        }
        LoadResult result;
        try {
            result = warehouse.load(missing);
        } catch (WarehouseException together) {
            if (missing.size() == 1) {
                throw together;
            }
            result = oneByOne(missing, mustLoad);
        }
        log.info("Loaded {} lake object(s) the warehouse did not have: {} new plays", missing.size(),
                result.inserted());
        return result;
    }

    private LoadResult oneByOne(List<String> keys, String mustLoad) {
        long rows = 0;
        long inserted = 0;
        long merged = 0;
        long episodes = 0;
        for (String key : keys) {
            try {
                LoadResult one = warehouse.load(key);
                rows += one.rowsInObject();
                inserted += one.inserted();
                merged += one.merged();
                episodes += one.episodesInserted();
            } catch (WarehouseException e) {
                if (key.equals(mustLoad)) {
                    throw e;
                }
                log.warn("The lake object {} can't be loaded ({}); the warehouse lacks its plays until it is fixed "
                        + "or moved out of the lake. Every run tries it again.", key, e.getMessage());
            }
        }
        return new LoadResult(rows, inserted, merged, rows - inserted - merged, episodes);
    }

    /** Replaces every play with the distinct plays of every lake object. */
    public LoadResult rebuild() {
        List<String> objects = lakeObjects();
        LoadResult result = warehouse.rebuild(objects);
        log.info("Rebuilt the warehouse from {} lake object(s): {} plays, {} episodes", objects.size(),
                result.inserted(), result.episodesInserted());
        return result;
    }
}
