package io.spotifyinsights.http;

import java.time.Duration;

/**
 * Waits between attempts of a call to an outside API; tests replace it so they neither wait nor lose what was asked.
 */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
