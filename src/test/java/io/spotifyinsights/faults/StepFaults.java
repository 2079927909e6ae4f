package io.spotifyinsights.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.scope.context.ChunkContext;

/**
 * Faults at the edges of a step's work, armed one at a time by a plan file ({@code <data-dir>/fault-plan}, one line
 * {@code <step>:<kind>}) and used up when they strike. Before the work: the step has done nothing. After it: the work
 * is done and committed but the step is not recorded as finished — the worst moment to die.
 */
final class StepFaults implements ChunkListener {

    enum Kind {
        THROW_BEFORE, THROW_AFTER, KILL_BEFORE, KILL_AFTER;

        boolean before() {
            return this == THROW_BEFORE || this == KILL_BEFORE;
        }

        boolean kills() {
            return this == KILL_BEFORE || this == KILL_AFTER;
        }
    }

    /** What the suite throws: an unexpected failure inside a step. */
    static final class InjectedFault extends RuntimeException {
        InjectedFault(String message) {
            super(message);
        }
    }

    static final String PLAN_FILE = "fault-plan";
    /** The exit code of a killed service, as after SIGKILL. */
    static final int KILLED = 137;

    private final Path plan;

    StepFaults(Path dataDir) {
        this.plan = dataDir.resolve(PLAN_FILE);
    }

    static void arm(Path dataDir, String step, Kind kind) {
        try {
            Files.writeString(dataDir.resolve(PLAN_FILE), step + ":" + kind, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeChunk(ChunkContext context) {
        strike(context, true);
    }

    @Override
    public void afterChunk(ChunkContext context) {
        strike(context, false);
    }

    private void strike(ChunkContext context, boolean before) {
        String step = context.getStepContext().getStepName();
        String armed;
        try {
            if (!Files.exists(plan)) {
                return;
            }
            armed = Files.readString(plan, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] parts = armed.split(":");
        Kind kind = Kind.valueOf(parts[1]);
        if (!parts[0].equals(step) || kind.before() != before) {
            return;
        }
        try {
            // Used up before it strikes, so the service started after a kill does not strike again.
            Files.delete(plan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (kind.kills()) {
            Runtime.getRuntime().halt(KILLED);
        }
        throw new InjectedFault("Injected fault " + kind + " in step " + step);
    }
}
