package io.spotifyinsights.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Faults at the edges of a step's work, armed one at a time by a plan file ({@code <data-dir>/fault-plan}, one line
 * {@code <step>:<kind>}) and used up when they strike. Before the work: the step has done nothing. After it: the work
 * is done and committed but the step is not recorded as finished — the worst moment to die.
 */
final class StepFaults implements ChunkListener {

    enum Kind {
        THROW_BEFORE, THROW_AFTER, KILL_BEFORE, KILL_AFTER,
        /**
         * In a chunk-oriented step, right after the writer wrote chunk {@code <step>:KILL_AFTER_WRITE:<n>} (from 1)
         * and before the chunk is committed: its work is stored, the step's progress does not know.
         */
        KILL_AFTER_WRITE;

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

    /** Arms {@link Kind#KILL_AFTER_WRITE} for the {@code n}th chunk (from 1) the step writes. */
    static void armAfterWrite(Path dataDir, String step, int n) {
        arm(dataDir, step, Kind.KILL_AFTER_WRITE + ":" + n);
    }

    static void arm(Path dataDir, String step, Kind kind) {
        arm(dataDir, step, kind.name());
    }

    private static void arm(Path dataDir, String step, String kind) {
        try {
            Files.writeString(dataDir.resolve(PLAN_FILE), step + ":" + kind, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Strikes {@link Kind#KILL_AFTER_WRITE} in the step of this name. */
    ItemWriteListener<Object> writeListener(String stepName) {
        java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        return new ItemWriteListener<>() {
            @Override
            public void afterWrite(Chunk<?> items) {
                int written = writes.incrementAndGet();
                String armed = armed();
                if (armed == null) {
                    return;
                }
                String[] parts = armed.split(":");
                if (parts.length == 3 && parts[0].equals(stepName) && Kind.valueOf(parts[1]) == Kind.KILL_AFTER_WRITE
                        && Integer.parseInt(parts[2]) == written) {
                    try {
                        Files.delete(plan);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    Runtime.getRuntime().halt(KILLED);
                }
            }
        };
    }

    private String armed() {
        try {
            return Files.exists(plan) ? Files.readString(plan, StandardCharsets.UTF_8).strip() : null;
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
        if (kind == Kind.KILL_AFTER_WRITE || !parts[0].equals(step) || kind.before() != before) {
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
