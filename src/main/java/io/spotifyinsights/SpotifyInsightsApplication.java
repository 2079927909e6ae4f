package io.spotifyinsights;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import io.spotifyinsights.history.ImportCommand;

/** Keeps a complete, deduplicated history of a listener's Spotify plays and turns it into insights. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SpotifyInsightsApplication {

    /** Starts the service; {@code import <path>…} imports a privacy export from a terminal instead. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(ImportCommand.NAME)) {
            System.exit(ImportCommand.run(SpotifyInsightsApplication.class, args, System.out));
        }
        SpringApplication.run(SpotifyInsightsApplication.class, args);
    }

    /** One service per data directory, claimed before any database opens a file there. */
    @Bean
    static DataDirectoryLock dataDirectoryLock() {
        return new DataDirectoryLock();
    }

    /** The one source of "now", so tests can move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
