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
        // Any credentials count, however the header is spelt: Spring's own parsing is more lenient than "Basic ".
        if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            chain.doFilter(request, response);
            return;
        }
        String client = request.getRemoteAddr();
        Duration wait = attempt(client);
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
            if (failuresOf(client).size() >= maxFailures) {
                log.warn("{} failed logins from {} within {}; its logins are refused until the oldest is that old",
                        maxFailures, client, window);
            }
        } else {
            failuresByClient.remove(client);
        }
    }

    /**
     * Counts a login attempt as a failure before its password is checked — a success takes it back — so parallel
     * guesses can't all pass before the first one fails.
     *
     * @return how long the client must wait before its password is checked again; zero when it may try now
     */
    Duration attempt(String client) {
        if (failuresByClient.size() >= MAX_CLIENTS) {
            evictExpired();
        }
        Deque<Instant> failures = failuresByClient.computeIfAbsent(client, key -> new ArrayDeque<>());
        synchronized (failures) {
            Instant now = clock.instant();
            dropExpired(failures, now);
            if (failures.size() >= maxFailures) {
                return Duration.between(now, failures.peekFirst().plus(window));
            }
            failures.addLast(now);
            return Duration.ZERO;
        }
    }

    private Deque<Instant> failuresOf(String client) {
        return failuresByClient.getOrDefault(client, new ArrayDeque<>());
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
