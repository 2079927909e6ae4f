package io.spotifyinsights.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import io.spotifyinsights.MovableClock;

class LoginThrottleTest {

    static final String PASSWORD = "the-right-one";

    final MovableClock clock = new MovableClock(Instant.parse("2026-11-25T10:00:00Z"));
    final AtomicInteger passwordChecks = new AtomicInteger();
    final LoginThrottle throttle = new LoginThrottle(10, Duration.ofMinutes(15), clock);

    /** What stands behind the throttle: the password check, which answers 401 to a wrong password. */
    final FilterChain passwordCheck = (request, response) -> {
        passwordChecks.incrementAndGet();
        String header = ((MockHttpServletRequest) request).getHeader("Authorization");
        String password = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8)
                .split(":", 2)[1];
        ((HttpServletResponse) response).setStatus(password.equals(PASSWORD) ? 200 : 401);
    };

    @Test
    void twoHundredWrongPasswordsCostTenPasswordChecksAndThenA429() throws Exception {
        int refused = 0;
        for (int i = 0; i < 200; i++) {
            MockHttpServletResponse response = login("10.0.0.7", "guess-" + i);
            if (response.getStatus() == 429) {
                refused++;
                assertThat(response.getHeader("Retry-After")).isEqualTo(String.valueOf(15 * 60));
                assertThat(response.getContentType()).startsWith("application/problem+json");
                assertThat(response.getContentAsString()).contains("try again in 900 s");
            } else {
                assertThat(response.getStatus()).isEqualTo(401);
            }
        }

        assertThat(passwordChecks).hasValue(10);
        assertThat(refused).isEqualTo(190);
    }

    @Test
    void aLockedOutAddressIsRefusedEvenWithTheRightPasswordUntilItsOldestFailureExpires() throws Exception {
        for (int i = 0; i < 10; i++) {
            login("10.0.0.8", "wrong");
            clock.advance(Duration.ofSeconds(60));
        }

        assertThat(login("10.0.0.8", PASSWORD).getStatus()).isEqualTo(429);
        assertThat(login("10.0.0.9", PASSWORD).getStatus()).as("another address").isEqualTo(200);

        // The first failure was at 10:00; at 10:15 it no longer counts, and only nine remain.
        clock.set(Instant.parse("2026-11-25T10:15:00Z"));
        assertThat(login("10.0.0.8", PASSWORD).getStatus()).isEqualTo(200);
        assertThat(login("10.0.0.8", "wrong").getStatus()).as("a success forgets the failures").isEqualTo(401);
        assertThat(login("10.0.0.8", "wrong").getStatus()).isEqualTo(401);
    }

    @Test
    void credentialsSpeltOtherwiseAreCountedToo() throws Exception {
        String[] spellings = {"basic ", "Basic\t", "BASIC  ", " Basic "};
        for (int i = 0; i < 10; i++) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/runs");
            request.setRemoteAddr("10.0.0.11");
            request.addHeader("Authorization", spellings[i % spellings.length] + Base64.getEncoder().encodeToString(
                    "admin:guess".getBytes(StandardCharsets.UTF_8)));
            throttle.doFilter(request, new MockHttpServletResponse(), (req, res) ->
                    ((HttpServletResponse) res).setStatus(401));
        }

        assertThat(login("10.0.0.11", PASSWORD).getStatus()).isEqualTo(429);
    }

    @Test
    void guessesSentAllAtOnceStillGetOnlyTheirShareOfPasswordChecks() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 64; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return login("10.0.0.12", "parallel-guess").getStatus();
            }));
        }
        start.countDown();
        int refused = 0;
        for (java.util.concurrent.Future<Integer> answer : answers) {
            refused += answer.get() == 429 ? 1 : 0;
        }
        pool.shutdown();

        assertThat(passwordChecks).hasValue(10);
        assertThat(refused).isEqualTo(54);
    }

    @Test
    void requestsWithoutALoginAreNotCounted() throws Exception {
        for (int i = 0; i < 50; i++) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/status");
            request.setRemoteAddr("10.0.0.10");
            MockHttpServletResponse response = new MockHttpServletResponse();
            throttle.doFilter(request, response, (req, res) -> ((HttpServletResponse) res).setStatus(401));
        }

        assertThat(login("10.0.0.10", PASSWORD).getStatus()).isEqualTo(200);
    }

    private MockHttpServletResponse login(String address, String password) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/runs");
        request.setRemoteAddr(address);
        request.addHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                ("admin:" + password).getBytes(StandardCharsets.UTF_8)));
        MockHttpServletResponse response = new MockHttpServletResponse();
        throttle.doFilter(request, response, passwordCheck);
        return response;
    }
}
