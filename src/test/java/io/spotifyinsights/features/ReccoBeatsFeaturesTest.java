package io.spotifyinsights.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.spotifyinsights.spotify.AudioFeatures;

class ReccoBeatsFeaturesTest {

    final LoopbackReccoBeats reccoBeats = newFake();
    final ReccoBeatsFeatures provider = FeaturesConfiguration.reccoBeats(new FeaturesProperties(
            FeaturesProperties.Provider.RECCOBEATS, URI.create(reccoBeats.url()), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(2), 3, Duration.ofMillis(20), 1000, Duration.ofDays(30)));

    @AfterEach
    void close() throws IOException {
        reccoBeats.close();
    }

    @Test
    void eachAnswerIsMatchedToTheSpotifyIdItsLinkNamesWhateverTheOrderAndUnknownTracksStayOut() {
        List<String> ids = IntStream.range(0, 45).mapToObj(i -> "track%018d".formatted(i)).toList();
        List<String> unknown = List.of(ids.get(3), ids.get(17), ids.get(44));
        reccoBeats.doesNotKnow(unknown.toArray(String[]::new));

        FeaturesAnswer answer = provider.features(ids);

        assertThat(answer.provider()).isEqualTo("reccobeats");
        assertThat(answer.problem()).isNull();
        assertThat(reccoBeats.requests).extracting(List::size).containsExactly(40, 5);
        List<String> known = new ArrayList<>(ids);
        known.removeAll(unknown);
        assertThat(answer.byTrackId()).containsOnlyKeys(known);
        for (String id : known) {
            Map<String, Object> served = LoopbackReccoBeats.features(id);
            AudioFeatures features = answer.byTrackId().get(id);
            assertThat(features.id()).isEqualTo(id);
            assertThat(features.danceability()).isEqualTo(served.get("danceability"));
            assertThat(features.energy()).isEqualTo(served.get("energy"));
            assertThat(features.key()).isEqualTo(served.get("key"));
            assertThat(features.loudness()).isEqualTo(served.get("loudness"));
            assertThat(features.mode()).isEqualTo(served.get("mode"));
            assertThat(features.speechiness()).isEqualTo(served.get("speechiness"));
            assertThat(features.acousticness()).isEqualTo(served.get("acousticness"));
            assertThat(features.instrumentalness()).isEqualTo(served.get("instrumentalness"));
            assertThat(features.liveness()).isEqualTo(served.get("liveness"));
            assertThat(features.valence()).isEqualTo(served.get("valence"));
            assertThat(features.tempo()).isEqualTo(served.get("tempo"));
            assertThat(features.timeSignature()).as("ReccoBeats has none").isNull();
        }
    }

    @Test
    void aRateLimitThatAsksForAShortWaitIsWaitedOutAndTheCallMadeAgain() {
        reccoBeats.rateLimit(1, 1);

        FeaturesAnswer answer = provider.features(List.of("4uLU6hMCjMI75M1A2tKUQC"));

        assertThat(answer.byTrackId()).containsOnlyKeys("4uLU6hMCjMI75M1A2tKUQC");
        assertThat(reccoBeats.requests).hasSize(2);
    }

    @Test
    void aRateLimitThatAsksForLongerThanTheBoundLeavesTheFeaturesForLaterAtOnce() {
        reccoBeats.rateLimit(5, 3600);

        FeaturesAnswer answer = provider.features(List.of("4uLU6hMCjMI75M1A2tKUQC"));

        assertThat(answer.answered()).isFalse();
        assertThat(answer.byTrackId()).isEmpty();
        assertThat(answer.problem()).contains("ReccoBeats rate-limits /v1/audio-features", "3600 s",
                "the next run tries again");
        assertThat(reccoBeats.requests).hasSize(1);
    }

    @Test
    void aProviderThatIsDownIsTriedAgainThenFailsNothingAndSaysWhatToDo() {
        reccoBeats.down(true);

        FeaturesAnswer answer = provider.features(List.of("4uLU6hMCjMI75M1A2tKUQC", "7ouMYWpwJ422jRcDASZB7P"));

        assertThat(answer.answered()).isFalse();
        assertThat(answer.problem()).contains("ReccoBeats answered 503 on /v1/audio-features", "3 attempts",
                "Check the network").doesNotContain("4uLU6hMCjMI75M1A2tKUQC");
        assertThat(reccoBeats.requests).hasSize(3);
    }

    @Test
    void noIdsAsksNothing() {
        assertThat(provider.features(List.of()).byTrackId()).isEmpty();
        assertThat(reccoBeats.requests).isEmpty();
    }

    private static LoopbackReccoBeats newFake() {
        try {
            return new LoopbackReccoBeats();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
