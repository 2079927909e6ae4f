package io.spotifyinsights.spotify;

import static io.spotifyinsights.spotify.SpotifyFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import io.spotifyinsights.MovableClock;

/** Tokens, the client secret and the Authorization header never reach a log line or an exception message. */
class SpotifySecretsTest {

    final MockWebServer server = new MockWebServer();
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final List<String> exceptionTexts = new ArrayList<>();
    final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T15:00:00Z"));

    @TempDir
    Path dataDir;

    private Level rootLevel;

    @BeforeEach
    void captureEverything() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void restore() throws IOException {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logs);
        root.setLevel(rootLevel);
        server.close();
    }

    @Test
    void noFailureWritesASecretToTheLogOrIntoAnException() {
        scenario(client -> client.currentUser(), ok("token-rotated.json", server), answer(401, "error-401.json", server),
                ok("token.json", server), rateLimited(2), answer(500, "error-500.json", server),
                ok("malformed.json", server));
        scenario(client -> client.currentUser(), answer(400, "invalid-grant.json", server));
        scenario(client -> client.currentUser(), answer(400, "invalid-client.json", server));
        scenario(client -> client.currentUser(), ok("token.json", server), rateLimited(86_400));
        scenario(client -> client.audioFeatures(List.of("a", "b")), ok("token-app.json", server),
                answer(403, "error-403-bare.json", server));
        scenario(client -> client.currentUser(), ok("token.json", server), answer(401, "error-401.json", server),
                ok("token.json", server), answer(401, "error-401.json", server));

        assertThat(logs.list).as("the scenarios log something, so the check below means something").isNotEmpty();
        assertThat(exceptionTexts).hasSize(6);
        List<String> forbidden = new ArrayList<>(SECRETS);
        forbidden.add(Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
        for (ILoggingEvent event : logs.list) {
            String line = event.getFormattedMessage() + throwableText(event.getThrowableProxy());
            assertThat(line).as("log line").doesNotContain(forbidden);
        }
        assertThat(exceptionTexts).allSatisfy(text -> assertThat(text).doesNotContain(forbidden));
    }

    @Test
    void thePropertiesNeverPrintTheirSecrets() {
        String printed = properties(server).toString();

        assertThat(printed).contains(CLIENT_ID).doesNotContain(CLIENT_SECRET).doesNotContain(REFRESH_TOKEN);
    }

    private void scenario(Consumer<SpotifyClient> call, MockResponse... answers) {
        for (MockResponse answer : answers) {
            server.enqueue(answer);
        }
        SpotifyClient client = SpotifyFixtures.client(properties(server), dataDir.resolve("s" + exceptionTexts.size()),
                clock, new ArrayList<Duration>());
        try {
            call.accept(client);
            exceptionTexts.add("");
        } catch (RuntimeException e) {
            StringBuilder text = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                text.append(t).append('\n');
            }
            exceptionTexts.add(text.toString());
        }
    }

    private MockResponse rateLimited(long seconds) {
        return new MockResponse.Builder(answer(429, "error-429.json", server)).setHeader("Retry-After", seconds).build();
    }

    private static String throwableText(IThrowableProxy proxy) {
        StringBuilder text = new StringBuilder();
        for (IThrowableProxy t = proxy; t != null; t = t.getCause()) {
            text.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }
}
