package io.spotifyinsights.pipeline;

/** A run asked for while the service is shutting down. */
public final class ServiceStoppingException extends RuntimeException {

    ServiceStoppingException() {
        super("The service is stopping; no new run starts. Trigger it again once the service is back.");
    }
}
