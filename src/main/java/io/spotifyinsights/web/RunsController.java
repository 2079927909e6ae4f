package io.spotifyinsights.web;

import java.net.URI;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.spotifyinsights.pipeline.RunHistory;
import io.spotifyinsights.pipeline.RunNotFoundException;
import io.spotifyinsights.pipeline.RunPage;
import io.spotifyinsights.pipeline.RunService;
import io.spotifyinsights.pipeline.RunView;

/** Trigger, restart and inspect pipeline runs. */
@RestController
@RequestMapping("/api/runs")
class RunsController {

    private final RunService runService;
    private final RunHistory runHistory;

    RunsController(RunService runService, RunHistory runHistory) {
        this.runService = runService;
        this.runHistory = runHistory;
    }

    @PostMapping
    ResponseEntity<RunStarted> trigger() {
        return accepted(runService.startManual());
    }

    @PostMapping("/{id}/restart")
    ResponseEntity<RunStarted> restart(@PathVariable long id) {
        return accepted(runService.restart(id));
    }

    @GetMapping
    RunPage list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return runHistory.page(page, size);
    }

    @GetMapping("/{id}")
    RunView get(@PathVariable long id) {
        return runHistory.find(id).orElseThrow(() -> new RunNotFoundException(id));
    }

    private static ResponseEntity<RunStarted> accepted(JobExecution execution) {
        URI location = URI.create("/api/runs/" + execution.getId());
        return ResponseEntity.accepted().location(location)
                .body(new RunStarted(execution.getId(), execution.getStatus().name(), location.toString()));
    }

    /** The answer to a trigger: the run's id and where to follow it. */
    record RunStarted(long id, String status, String location) {
    }
}
