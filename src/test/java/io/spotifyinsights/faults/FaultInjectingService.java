package io.spotifyinsights.faults;

import org.springframework.boot.builder.SpringApplicationBuilder;

import io.spotifyinsights.SpotifyInsightsApplication;

/** The service as it runs for a person, plus {@link StepFaults}: what the fault suite starts, kills and restarts. */
public final class FaultInjectingService {

    private FaultInjectingService() {
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(SpotifyInsightsApplication.class, FaultInjectionConfiguration.class).run(args);
    }
}
