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

    /** Every file of plays the lake holds, in key order. */
    public List<String> lakeObjects() {
        return lake.list(LakeKeys.PLAYS).stream().filter(LakeKeys::isPlays).toList();
    }

    /** The lake's files of plays the warehouse has not loaded. */
    public List<String> missing() {
        Set<String> loaded = warehouse.loadedKeys();
        return lakeObjects().stream().filter(key -> !loaded.contains(key)).toList();
    }

    /** Whether the warehouse has loaded nothing at all. */
    public boolean warehouseEmpty() {
        return warehouse.loadedKeys().isEmpty();
    }

    /** Loads the lake objects the warehouse lacks; nothing when it lacks none. */
    public LoadResult catchUp() {
        List<String> missing = missing();
        if (missing.isEmpty()) {
            return new LoadResult(0, 0, 0);
        }
        LoadResult result = warehouse.load(missing);
        log.info("Loaded {} lake object(s) the warehouse did not have: {} new plays", missing.size(),
                result.inserted());
        return result;
    }

    /** Replaces every play with the distinct plays of every lake object. */
    public LoadResult rebuild() {
        List<String> objects = lakeObjects();
        LoadResult result = warehouse.rebuild(objects);
        log.info("Rebuilt the warehouse from {} lake object(s): {} plays", objects.size(), result.inserted());
        return result;
    }
}
