package io.spotifyinsights.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;

import io.spotifyinsights.toptracks.TopTracksJob;
import io.spotifyinsights.warehouse.LakeCatchUp;
import io.spotifyinsights.warehouse.LoadResult;

/**
 * Makes the warehouse again from the lake, in the background and never beside a run: on request, and by itself at
 * start when the warehouse lacks lake objects — all of them (its file was lost or was damaged) or some (a crash
 * between upload and load, a restored backup). The top ten is recomputed right after, so what the dashboard shows
 * matches. Health (component {@code rebuild}) shows it while it goes.
 */
@Service
public final class WarehouseRebuild implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WarehouseRebuild.class);

    public enum State { IDLE, RUNNING, COMPLETED, FAILED }

    /**
     * @param replace     true: every play replaced by the lake's; false: only the missing lake objects loaded
     * @param lakeObjects the lake objects it loads
     */
    public record Status(State state, String reason, boolean replace, Instant startedAt, Instant endedAt,
            Integer lakeObjects, Long plays, String error) {

        static final Status IDLE = new Status(State.IDLE, null, false, null, null, null, null, null);
    }

    private final LakeCatchUp catchUp;
    private final TopTracksJob topTracksJob;
    /** Runs and rebuilds exclude each other; the run service knows which run really goes. */
    private final ObjectProvider<RunService> runs;
    private final Clock clock;
    private volatile ExecutorService worker = newWorker();
    private volatile Status status = Status.IDLE;
    private volatile boolean stopping;

    WarehouseRebuild(LakeCatchUp catchUp, TopTracksJob topTracksJob, ObjectProvider<RunService> runs, Clock clock) {
        this.catchUp = catchUp;
        this.topTracksJob = topTracksJob;
        this.runs = runs;
        this.clock = clock;
    }

    public Status status() {
        return status;
    }

    public boolean inProgress() {
        return status.state() == State.RUNNING;
    }

    /**
     * Starts replacing every play with the lake's.
     *
     * @throws RunAlreadyGoingException      while a run is going
     * @throws WarehouseRebuildingException  while a rebuild is going
     */
    public synchronized Status start(String reason) {
        return begin(reason, true, catchUp.lakeObjects().size());
    }

    /**
     * Starts loading the lake objects the warehouse lacks (objects just put there), then recomputing the top ten.
     *
     * @throws RunAlreadyGoingException      while a run is going
     * @throws WarehouseRebuildingException  while a rebuild is going
     */
    public synchronized Status loadMissing(String reason) {
        return begin(reason, false, catchUp.missing().size());
    }

    /** Runs {@code launch} — a run's start — unless a rebuild is going; one or the other, never both. */
    synchronized <T> T whileIdle(Supplier<T> launch) {
        if (inProgress()) {
            throw new WarehouseRebuildingException(status.startedAt());
        }
        return launch.get();
    }

    /** At start: a warehouse that lacks lake objects gets them before anyone reads it. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    public synchronized void catchUpAtStart() {
        try {
            startCatchUp();
        } catch (RuntimeException e) {
            // The lake or the warehouse can't be reached (the cloud path at start), or a run already goes (a misfire
            // fired at once, another replica): the service starts anyway, and a run loads what the warehouse lacks.
            log.warn("Could not start loading the lake objects the warehouse lacks ({}); the next run loads them.",
                    e.getMessage());
        }
    }

    private void startCatchUp() {
        LakeCatchUp.Gap gap = catchUp.gap();
        List<String> missing = gap.missing();
        if (missing.isEmpty()) {
            return;
        }
        if (gap.nothingLoaded()) {
            log.warn("The warehouse is empty but the lake holds {} file(s) of plays: rebuilding it from the lake. "
                    + "Health shows the progress (component rebuild).", missing.size());
            begin("the warehouse was empty at start but the lake holds plays", true, missing.size());
        } else {
            log.warn("The warehouse lacks {} of the lake's files of plays: loading them. Health shows the progress "
                    + "(component rebuild).", missing.size());
            begin("the warehouse lacked lake objects at start", false, missing.size());
        }
    }

    private Status begin(String reason, boolean replace, int objects) {
        if (stopping) {
            throw new ServiceStoppingException();
        }
        if (inProgress()) {
            throw new WarehouseRebuildingException(status.startedAt());
        }
        RunService runService = runs.getObject();
        runService.runningExecution().ifPresent(running -> {
            throw new RunAlreadyGoingException(running.getId());
        });
        runService.requireNoOtherJob();
        Status started = new Status(State.RUNNING, reason, replace, clock.instant(), null, objects, null, null);
        status = started;
        worker.submit(() -> run(started));
        return started;
    }

    private void run(Status started) {
        try {
            LoadResult result = started.replace() ? catchUp.rebuild() : catchUp.catchUp();
            if (started.replace() || result.inserted() > 0) {
                topTracksJob.run();
            }
            status = new Status(State.COMPLETED, started.reason(), started.replace(), started.startedAt(),
                    clock.instant(), started.lakeObjects(), result.inserted(), null);
            log.info("The warehouse is whole again: {} {} from {} lake object(s); top ten recomputed",
                    result.inserted(), started.replace() ? "plays" : "plays added", started.lakeObjects());
        } catch (RuntimeException e) {
            // What failed names files and folders: it goes to the log, the (public) status names the error id.
            String errorId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            status = new Status(State.FAILED, started.reason(), started.replace(), started.startedAt(),
                    clock.instant(), started.lakeObjects(), null, "Error %s (%s); the service log has the details "
                    .formatted(errorId, e.getClass().getSimpleName()) + "under this id.");
            log.error("Error {}: rebuilding the warehouse from the lake failed; nothing of it was kept. Fix the cause, "
                    + "then POST /api/warehouse/rebuild", errorId, e);
        }
    }

    /**
     * The service stops: no rebuild starts any more, and one going may finish within {@code grace} (it is one
     * transaction: stopped half-way, nothing of it is kept).
     *
     * @return whether none is going any more
     */
    boolean stop(Duration grace) throws InterruptedException {
        synchronized (this) {
            stopping = true;
        }
        worker.shutdown();
        return worker.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** After {@link #stop}, when the service starts again (tests pause and resume cached contexts). */
    synchronized void resume() {
        stopping = false;
        if (worker.isShutdown()) {
            worker = newWorker();
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "warehouse-rebuild");
            thread.setDaemon(true);
            return thread;
        });
    }
}
