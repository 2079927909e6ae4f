package io.spotifyinsights.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The pipeline's own meters; Spring Batch adds its job and step timers beside them. */
@Component
public final class PipelineMetrics {

    private final MeterRegistry registry;
    private final Counter playsIngested;
    private final Counter gapsDetected;

    PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.playsIngested = Counter.builder("insights.plays.ingested")
                .description("Plays new to the warehouse")
                .register(registry);
        this.gapsDetected = Counter.builder("insights.gaps.detected")
                .description("Runs that found more than 50 plays since the last run, so older ones were lost")
                .register(registry);
    }

    void playsIngested(long count) {
        playsIngested.increment(count);
    }

    void gapDetected() {
        gapsDetected.increment();
    }

    /** @param outcome {@code completed}, {@code no_new_plays}, {@code failed} or {@code stopped} */
    void runEnded(String outcome) {
        Counter.builder("insights.runs")
                .description("Pipeline runs by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
