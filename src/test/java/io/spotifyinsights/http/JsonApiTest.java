package io.spotifyinsights.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** JsonApi's own rules, with the plain errors ReccoBeats gets; Spotify's are in spotify/SpotifyApiTest. */
class JsonApiTest {

    record Greeting(String text) {
    }

    final MockWebServer server = new MockWebServer();
    final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    /** Backoff from 10 s: were RetryTemplate to pause on its own, the tests would take minutes. */
    JsonApi api(Sleeper sleeper) {
        return new JsonApi("Greeter", new OkHttpClient.Builder().retryOnConnectionFailure(false).build(),
                JsonMapper.builder().build(), new JsonApi.ApiRetries(3, Duration.ofSeconds(10), Duration.ofSeconds(60)),
                () -> 1.0, sleeper, ApiErrors.plain("Greeter"));
    }

    @Test
    void theWaitsGoThroughTheSleeperAndRetryTemplatePausesNothingOfItsOwn() {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", 7).build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"text\": \"hello\", \"extra\": 1}").build());
        long started = System.nanoTime();

        Greeting greeting = api(sleeps::add).get(server.url("/v1/greeting?who=secret-id"), Greeting.class);

        assertThat(greeting.text()).isEqualTo("hello");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(7));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRequestIsBuiltAgainForEachAttemptAndA401RenewsOnceWithoutCountingAsAnAttempt() throws Exception {
        server.enqueue(new MockResponse.Builder().code(401).build());
        server.enqueue(new MockResponse.Builder().code(500).build());
        server.enqueue(new MockResponse.Builder().code(500).build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"text\": \"hello\"}").build());
        AtomicInteger token = new AtomicInteger(1);
        AtomicInteger renewals = new AtomicInteger();

        Greeting greeting = api(sleeps::add).call(() -> new Request.Builder().url(server.url("/v1/greeting"))
                .header("Authorization", "Bearer t" + token.get()).build(), Greeting.class, () -> {
                    renewals.incrementAndGet();
                    token.incrementAndGet();
                });

        assertThat(greeting.text()).isEqualTo("hello");
        assertThat(renewals).hasValue(1);
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer t1");
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer t2");
        assertThat(sleeps).as("no wait before the renewed attempt").hasSize(2);
    }

    @Test
    void aSecond401IsRefusedLikeAny4xx() {
        server.enqueue(new MockResponse.Builder().code(401).build());
        server.enqueue(new MockResponse.Builder().code(401).build());

        assertThatThrownBy(() -> api(sleeps::add).call(() -> new Request.Builder().url(server.url("/v1/greeting?q=1"))
                .build(), Greeting.class, () -> { }))
                .isInstanceOf(ApiCallException.class)
                .hasMessage("Greeter answered 401 on /v1/greeting");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRateLimitStillAnsweredAtTheLastAttemptSaysSo() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", 2).build());
        }

        assertThatThrownBy(() -> api(sleeps::add).get(server.url("/v1/greeting"), Greeting.class))
                .isInstanceOf(ApiCallException.class)
                .hasMessageContaining("Greeter rate-limits /v1/greeting and still asks to wait 2 s after 3 attempts");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void anInterruptedWaitEndsTheCallAndKeepsTheInterrupt() {
        server.enqueue(new MockResponse.Builder().code(503).build());
        try {
            assertThatThrownBy(() -> api(wait -> {
                throw new InterruptedException();
            }).get(server.url("/v1/greeting"), Greeting.class))
                    .isInstanceOf(ApiCallException.class)
                    .hasMessageContaining("Interrupted while waiting to call Greeter again");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void anAnswerOfAnotherShapeNamesTheEndpointNotTheQuery() {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"text\": {\"nested\": true}}").build());

        assertThatThrownBy(() -> api(sleeps::add).get(server.url("/v1/greeting?ids=track-a"), Greeting.class))
                .isInstanceOf(ApiCallException.class)
                .hasMessageContaining("Greeter answered JSON of an unexpected shape on /v1/greeting")
                .hasMessageNotContaining("track-a");
    }
}
