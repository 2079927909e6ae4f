package io.spotifyinsights.play;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlayConfiguration {

    /** Binding schema.json to the Play record at start fails the start, naming the drift, if they disagree. */
    @Bean
    PlayFields playFields() {
        return new PlayFields(PlaySchema.load());
    }

    @Bean
    PlayMatchers playMatchers(@Value("${insights.import.match-tolerance:60s}") Duration tolerance) {
        return new PlayMatchers(tolerance);
    }
}
