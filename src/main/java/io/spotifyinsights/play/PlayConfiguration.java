package io.spotifyinsights.play;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlayConfiguration {

    /** Binding schema.json to the Play record at start fails the start, naming the drift, if they disagree. */
    @Bean
    PlayFields playFields() {
        return new PlayFields(PlaySchema.load());
    }
}
