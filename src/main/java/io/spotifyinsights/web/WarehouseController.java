package io.spotifyinsights.web;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.spotifyinsights.pipeline.WarehouseRebuild;

/** Rebuilding the warehouse from the lake, by hand: the lake holds every play, the warehouse is made from it. */
@RestController
@RequestMapping("/api/warehouse/rebuild")
class WarehouseController {

    private final WarehouseRebuild rebuild;

    WarehouseController(WarehouseRebuild rebuild) {
        this.rebuild = rebuild;
    }

    /** 202 and where to follow it; 409 while a run or another rebuild is going. */
    @PostMapping
    ResponseEntity<WarehouseRebuild.Status> start() {
        WarehouseRebuild.Status started = rebuild.start("asked for through POST /api/warehouse/rebuild");
        return ResponseEntity.accepted().location(URI.create("/api/warehouse/rebuild")).body(started);
    }

    @GetMapping
    WarehouseRebuild.Status status() {
        return rebuild.status();
    }
}
