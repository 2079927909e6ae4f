package io.spotifyinsights.pipeline;

import java.time.Instant;

/** A run or a rebuild asked for while the warehouse is being rebuilt from the lake. */
public final class WarehouseRebuildingException extends RuntimeException {

    WarehouseRebuildingException(Instant since) {
        super(("The warehouse is being rebuilt from the lake (since %s); runs start again once it is done. "
                + "GET /api/warehouse/rebuild follows it.").formatted(since));
    }
}
