package io.spotifyinsights.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing: a client (by address) whose logins failed {@code insights.security.login-failures} times
 * within {@code insights.security.login-lockout} is answered 429 until the oldest of those failures is that old —
 * before its password is checked, so a flood of guesses costs no hashing either.
 */
final class LoginThrottle extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    /** Bounds the memory a flood from many addresses can take; expired entries go first. */
    static final int MAX_CLIENTS = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failuresByClient = new ConcurrentHashMap<>();

    LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            chain.doFilter(request, response);
            return;
        }
        String client = request.getRemoteAddr();
        Duration wait = lockedFor(client);
        if (!wait.isZero()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, wait.toSeconds())));
            ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins",
                    "%d logins from this address failed within %s; try again in %d s.".formatted(maxFailures,
                            window, Math.max(1, wait.toSeconds())));
            Problems.write(request, response, problem);
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            failed(client);
        } else {
            failuresByClient.remove(client);
        }
    }

    /** How long the client must wait before its password is checked again; zero when it need not. */
    Duration lockedFor(String client) {
        Deque<Instant> failures = failuresByClient.get(client);
        if (failures == null) {
            return Duration.ZERO;
        }
        synchronized (failures) {
            Instant now = clock.instant();
            dropExpired(failures, now);
            if (failures.size() < maxFailures) {
                return Duration.ZERO;
            }
            return Duration.between(now, failures.peekFirst().plus(window));
        }
    }

    private void failed(String client) {
        if (failuresByClient.size() >= MAX_CLIENTS) {
            evictExpired();
        }
        Deque<Instant> failures = failuresByClient.computeIfAbsent(client, key -> new ArrayDeque<>());
        synchronized (failures) {
            Instant now = clock.instant();
            dropExpired(failures, now);
            failures.addLast(now);
            if (failures.size() == maxFailures) {
                log.warn("{} failed logins from {} within {}; its logins are refused for {}", maxFailures, client,
                        window, window);
            }
        }
    }

    private void evictExpired() {
        Instant now = clock.instant();
        failuresByClient.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                dropExpired(entry.getValue(), now);
                return entry.getValue().isEmpty();
            }
        });
        if (failuresByClient.size() >= MAX_CLIENTS) {
            // Still full of live entries: forget one rather than grow without bound.
            failuresByClient.keySet().stream().findAny().ifPresent(failuresByClient::remove);
        }
    }

    private void dropExpired(Deque<Instant> failures, Instant now) {
        Instant horizon = now.minus(window);
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(horizon)) {
            failures.removeFirst();
        }
    }
}
