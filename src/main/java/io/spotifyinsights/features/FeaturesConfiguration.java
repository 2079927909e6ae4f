package io.spotifyinsights.features;

import java.util.concurrent.ThreadLocalRandom;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.spotifyinsights.http.JsonApi;
import io.spotifyinsights.spotify.SpotifyClient;
import okhttp3.HttpUrl;
import tools.jackson.databind.json.JsonMapper;

/** The features provider {@code insights.features.provider} names. */
@Configuration(proxyBeanMethods = false)
class FeaturesConfiguration {

    @Bean
    FeaturesProvider featuresProvider(FeaturesProperties properties, SpotifyClient spotify) {
        return switch (properties.provider()) {
            case AUTO -> new AutoFeatures(new SpotifyFeatures(spotify), reccoBeats(properties));
            case SPOTIFY -> new SpotifyFeatures(spotify);
            case RECCOBEATS -> reccoBeats(properties);
            case NONE -> trackIds -> FeaturesAnswer.nothingAsked();
        };
    }

    static ReccoBeatsFeatures reccoBeats(FeaturesProperties properties) {
        JsonApi api = new JsonApi("ReccoBeats", JsonApi.httpClient(properties.connectTimeout(),
                properties.readTimeout()), JsonMapper.builder().build(),
                new JsonApi.ApiRetries(properties.maxAttempts(), properties.initialBackoff(),
                        properties.maxRateLimitWait()),
                () -> ThreadLocalRandom.current().nextDouble());
        return new ReccoBeatsFeatures(api, HttpUrl.get(properties.reccobeatsUrl().toString()));
    }
}
