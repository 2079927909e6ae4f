package io.spotifyinsights.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls an outside JSON API the way the service calls every one: an answer is bound to a record; 5xx answers and
 * I/O failures are retried with exponential backoff and jitter; a 429 is waited out as its {@code Retry-After}
 * asks when that is within the configured bound; every failure ends in an {@link ApiCallException} that names the
 * API and the endpoint (the path, never the query: it can hold ids of what a person listened to) and says what to
 * do. Retries are Spring Framework's {@link RetryTemplate}; only the choice of the wait is this class's.
 */
public final class JsonApi {

    private static final Logger log = LoggerFactory.getLogger(JsonApi.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String name;
    private final OkHttpClient client;
    private final JsonMapper json;
    private final ApiRetries retries;
    private final DoubleSupplier jitter;

    /**
     * @param name    the API as a person knows it ("ReccoBeats"), in messages
     * @param jitter  a value in [0, 1) per wait, so clients that failed together don't retry together
     */
    public JsonApi(String name, OkHttpClient client, JsonMapper json, ApiRetries retries, DoubleSupplier jitter) {
        this.name = name;
        this.client = client;
        this.json = json;
        this.retries = retries;
        this.jitter = jitter;
    }

    /** The settings every outside API takes: how often to try, how long to wait. */
    public record ApiRetries(int maxAttempts, Duration initialBackoff, Duration maxRateLimitWait) {
    }

    /** GETs the URL and binds the JSON answer to {@code type}. */
    public <T> T get(HttpUrl url, Class<T> type) {
        String endpoint = url.encodedPath();
        Request request = new Request.Builder().url(url).header("Accept", "application/json").get().build();
        // The last failed attempt, read by the backoff before the next one: a 429 says how long to wait.
        AtomicReference<Retry> lastFailure = new AtomicReference<>();
        RetryPolicy policy = RetryPolicy.builder()
                .predicate(failure -> failure instanceof Retry retry && !retry.waitTooLong())
                .backOff(backOff(lastFailure, endpoint))
                .build();
        try {
            return new RetryTemplate(policy).execute(() -> attempt(request, type, endpoint, lastFailure));
        } catch (RetryException e) {
            throw giveUp(e.getCause(), endpoint, e.getSuppressed().length + 1);
        }
    }

    private <T> T attempt(Request request, Class<T> type, String endpoint, AtomicReference<Retry> lastFailure)
            throws Retry {
        try {
            return attempt(request, type, endpoint);
        } catch (Retry failure) {
            lastFailure.set(failure);
            throw failure;
        }
    }

    private <T> T attempt(Request request, Class<T> type, String endpoint) throws Retry {
        try (Response response = client.newCall(request).execute()) {
            int code = response.code();
            if (code >= 200 && code < 300) {
                try {
                    return json.readValue(response.body().string(), type);
                } catch (JacksonException e) {
                    throw new ApiCallException(name, endpoint, "%s answered JSON of an unexpected shape on %s (%s); "
                            .formatted(name, endpoint, e.getOriginalMessage()) + "its API may have changed.", e);
                }
            }
            if (code == 429) {
                Duration wait = retryAfter(response);
                throw new Retry("rate-limited (429, Retry-After %d s)".formatted(wait.toSeconds()),
                        wait.compareTo(retries.maxRateLimitWait()) > 0, wait, null);
            }
            if (code >= 500) {
                throw new Retry("answered " + code, false, null, null);
            }
            throw new ApiCallException(name, endpoint, "%s answered %d on %s".formatted(name, code, endpoint), null);
        } catch (InterruptedIOException | java.net.ConnectException e) {
            throw new Retry("did not answer (" + e.getClass().getSimpleName() + ")", false, null, e);
        } catch (IOException e) {
            throw new Retry("failed (" + e.getClass().getSimpleName() + ")", false, null, e);
        }
    }

    /**
     * Exponential from {@code initialBackoff}, jittered in the upper half of the window, capped at 30 s — or what a
     * 429 asked for; no wait after the last attempt.
     */
    private BackOff backOff(AtomicReference<Retry> lastFailure, String endpoint) {
        return () -> new BackOffExecution() {
            private int failures;

            @Override
            public long nextBackOff() {
                failures++;
                if (failures >= retries.maxAttempts()) {
                    return STOP;
                }
                Retry failure = lastFailure.get();
                Duration wait = failure.asked();
                if (wait == null) {
                    long base = retries.initialBackoff().toMillis() << Math.min(failures - 1, 20);
                    long capped = Math.min(base, MAX_BACKOFF.toMillis());
                    wait = Duration.ofMillis((long) (capped / 2.0 + capped / 2.0 * jitter.getAsDouble()));
                }
                log.warn("{} {} on {}; trying again in {} ms (attempt {} of {})", name, failure.getMessage(), endpoint,
                        wait.toMillis(), failures + 1, retries.maxAttempts());
                return wait.toMillis();
            }
        };
    }

    private ApiCallException giveUp(Throwable last, String endpoint, int attempts) {
        if (last instanceof ApiCallException answered) {
            return answered;
        }
        if (last instanceof Retry retry && retry.waitTooLong()) {
            return new ApiCallException(name, endpoint, ("%s rate-limits %s and asks to wait %d s, longer than the "
                    + "configured bound; the next run tries again.").formatted(name, endpoint,
                    retry.asked().toSeconds()), null);
        }
        String what = last instanceof Retry retry ? retry.getMessage() : String.valueOf(last);
        return new ApiCallException(name, endpoint, ("%s %s on %s, %d attempts in all; it seems down or out of reach. "
                + "Check the network; the next run tries again.").formatted(name, what, endpoint, attempts),
                last instanceof Retry retry ? retry.getCause() : last);
    }

    private static Duration retryAfter(Response response) {
        String header = response.header("Retry-After");
        try {
            return Duration.ofSeconds(header == null ? 1 : Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    /** An attempt that may succeed when tried again. */
    private static final class Retry extends Exception {
        private final boolean waitTooLong;
        private final Duration asked;

        Retry(String message, boolean waitTooLong, Duration asked, Throwable cause) {
            super(message, cause, false, false);
            this.waitTooLong = waitTooLong;
            this.asked = asked;
        }

        boolean waitTooLong() {
            return waitTooLong;
        }

        Duration asked() {
            return asked;
        }
    }
}
