package io.spotifyinsights.spotify;

import java.time.Duration;

/** Waits between attempts; tests replace it so they neither wait nor lose what was asked. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
