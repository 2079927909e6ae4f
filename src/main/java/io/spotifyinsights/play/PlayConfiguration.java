package io.spotifyinsights.play;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlayConfiguration {

    /** Binding a schema file to its record at start fails the start, naming the drift, if they disagree. */
    @Bean
    PlayFields playFields() {
        return PlayFields.packaged();
    }

    @Bean
    EpisodeFields episodeFields() {
        return EpisodeFields.packaged();
    }

    @Bean
    TrackFields trackFields() {
        return TrackFields.packaged();
    }

    @Bean
    PlayMatchers playMatchers(@Value("${insights.import.match-tolerance:60s}") Duration tolerance) {
        return new PlayMatchers(tolerance);
    }
}
