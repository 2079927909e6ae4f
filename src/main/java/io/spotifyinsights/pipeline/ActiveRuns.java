package io.spotifyinsights.pipeline;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.core.task.TaskExecutor;

/**
 * The runs this process is executing right now — what the run history can't tell: a run it shows STARTED may be one
 * a crash or a failing disk left behind, which nothing executes. Counted from the moment a run is handed to the
 * executor until its thread ends, whatever happened to the history meanwhile.
 */
final class ActiveRuns {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int active;

    /** The executor runs go through, counting them. */
    TaskExecutor counting(TaskExecutor executor) {
        return task -> {
            change(+1);
            try {
                executor.execute(() -> {
                    // A run triggered over HTTP would inherit the web server's class loader, which Spark and Hadoop
                    // keep and use again at shutdown, after the web server refused it: use the service's own.
                    Thread.currentThread().setContextClassLoader(ActiveRuns.class.getClassLoader());
                    try {
                        task.run();
                    } finally {
                        change(-1);
                    }
                });
            } catch (RuntimeException e) {
                change(-1);
                throw e;
            }
        };
    }

    boolean isIdle() {
        lock.lock();
        try {
            return active == 0;
        } finally {
            lock.unlock();
        }
    }

    /** @return whether no run was left going within the timeout */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (active > 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = idle.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void change(int by) {
        lock.lock();
        try {
            active += by;
            if (active == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }
}
