package io.spotifyinsights.http;

import java.io.IOException;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.util.backoff.BackOffExecution;

import io.spotifyinsights.http.ApiErrors.ErrorAnswer;
import io.spotifyinsights.http.ApiErrors.Failure;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls an outside JSON API the way the service calls every one: an answer is bound to a record; 5xx answers and
 * I/O failures are retried with exponential backoff and jitter; a 429 is waited out as its {@code Retry-After}
 * asks when that is within the configured bound; a 401 may renew the credentials once and try again at once; every
 * failure ends in what the API's {@link ApiErrors} make of it, naming the endpoint (the path, never the query: it
 * can hold ids of what a person listened to) and saying what to do. Retries are Spring Framework's
 * {@link RetryTemplate}; only the choice of the wait is this class's.
 */
public final class JsonApi {

    private static final Logger log = LoggerFactory.getLogger(JsonApi.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final String name;
    private final OkHttpClient client;
    private final JsonMapper json;
    private final ApiRetries retries;
    private final DoubleSupplier jitter;
    private final Sleeper sleeper;
    private final ApiErrors errors;

    /** An API whose failures are {@link ApiCallException}s, waiting for real. */
    public JsonApi(String name, OkHttpClient client, JsonMapper json, ApiRetries retries, DoubleSupplier jitter) {
        this(name, client, json, retries, jitter, Sleeper.REAL, ApiErrors.plain(name));
    }

    /**
     * @param name    the API as a person knows it ("ReccoBeats"), in log lines
     * @param jitter  a value in [0, 1) per wait, so clients that failed together don't retry together
     * @param sleeper waits between attempts
     * @param errors  what a failure becomes in the API's own terms
     */
    public JsonApi(String name, OkHttpClient client, JsonMapper json, ApiRetries retries, DoubleSupplier jitter,
            Sleeper sleeper, ApiErrors errors) {
        this.name = name;
        this.client = client;
        this.json = json;
        this.retries = retries;
        this.jitter = jitter;
        this.sleeper = sleeper;
        this.errors = errors;
    }

    /**
     * An HTTP client for an outside API: these timeouts, the whole call bounded by twice the read timeout, and no
     * retries of its own — retries are this class's, with backoff; OkHttp's silent ones would hide failures from it.
     */
    public static OkHttpClient httpClient(Duration connectTimeout, Duration readTimeout) {
        return new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .callTimeout(readTimeout.multipliedBy(2))
                .retryOnConnectionFailure(false)
                .build();
    }

    /** The settings every outside API takes: how often to try, how long to wait. */
    public record ApiRetries(int maxAttempts, Duration initialBackoff, Duration maxRateLimitWait) {
    }

    /** GETs the URL and binds the JSON answer to {@code type}. */
    public <T> T get(HttpUrl url, Class<T> type) {
        Request request = new Request.Builder().url(url).header("Accept", "application/json").get().build();
        return call(() -> request, type, null);
    }

    /**
     * Sends a request and binds the JSON answer to {@code type}.
     *
     * @param request        builds the request, again for every attempt, so that each carries the credentials of
     *                       its time (a bearer token renewed after a 401, or after it ran out during the waits)
     * @param onUnauthorized run once on a 401 to forget the credentials the request carried; the call is then made
     *                       again at once, and that does not count as an attempt. Null: a 401 is refused like any 4xx
     */
    public <T> T call(Supplier<Request> request, Class<T> type, Runnable onUnauthorized) {
        Call<T> call = new Call<>(request, type, onUnauthorized);
        RetryPolicy policy = RetryPolicy.builder()
                .predicate(failure -> failure instanceof Retry retry && !retry.waitTooLong())
                .backOff(() -> call::nextBackOff)
                .build();
        try {
            return new RetryTemplate(policy).execute(call);
        } catch (RetryException e) {
            throw call.giveUp(e.getCause());
        }
    }

    /** One call's attempts and what they left to know: the endpoint, how many were made, how the last failed. */
    private final class Call<T> implements Retryable<T> {

        private final Supplier<Request> requests;
        private final Class<T> type;
        private final Runnable onUnauthorized;
        private String endpoint;
        private int attempts;
        private boolean renewed;
        private Retry last;
        private InterruptedException interrupted;

        Call(Supplier<Request> requests, Class<T> type, Runnable onUnauthorized) {
            this.requests = requests;
            this.type = type;
            this.onUnauthorized = onUnauthorized;
        }

        /** What RetryTemplate's debug lines call it: the API and, once known, the endpoint. */
        @Override
        public String getName() {
            return endpoint == null ? name : name + " " + endpoint;
        }

        @Override
        public T execute() throws Retry {
            attempts++;
            // What building the request throws (credentials refused, missing settings) ends the call as it is.
            Request request = requests.get();
            endpoint = request.url().encodedPath();
            try (Response response = client.newCall(request).execute()) {
                int code = response.code();
                if (code >= 200 && code < 300) {
                    String body = response.body().string();
                    try {
                        return json.readValue(body, type);
                    } catch (JacksonException e) {
                        throw errors.unreadable(endpoint, e);
                    }
                }
                if (code == 401 && onUnauthorized != null && !renewed) {
                    log.debug("{} answered 401 on {}; renewing the credentials once", name, endpoint);
                    onUnauthorized.run();
                    renewed = true;
                    // The same attempt again, with what the next build of the request carries.
                    attempts--;
                    throw failed(new Retry(new Failure(endpoint, attempts, code, null, null), false, true));
                }
                if (code == 429) {
                    Duration wait = retryAfter(response);
                    throw failed(new Retry(new Failure(endpoint, attempts, code, wait, null),
                            wait.compareTo(retries.maxRateLimitWait()) > 0, false));
                }
                if (code >= 500) {
                    throw failed(new Retry(new Failure(endpoint, attempts, code, null, null), false, false));
                }
                throw errors.refused(new ErrorAnswer(endpoint, code, response.body().string(), json));
            } catch (IOException e) {
                throw failed(new Retry(new Failure(endpoint, attempts, 0, null, e), false, false));
            }
        }

        private Retry failed(Retry failure) {
            last = failure;
            return failure;
        }

        /**
         * Exponential from {@code initialBackoff}, jittered in the upper half of the window, capped at 30 s — or what
         * a 429 asked for; no wait after the last attempt, nor before trying again with renewed credentials.
         * <p>
         * The wait happens here, through the {@link Sleeper}, and RetryTemplate is told to pause 0 ms: its own pause
         * is a bare {@code Thread.sleep}, which a test can neither skip nor see, and the waits are what the tests of
         * backoff and Retry-After check.
         */
        long nextBackOff() {
            if (last.renewing()) {
                return 0;
            }
            if (attempts >= retries.maxAttempts()) {
                return BackOffExecution.STOP;
            }
            Duration wait = last.failure().retryAfter();
            if (wait == null) {
                long base = retries.initialBackoff().toMillis() << Math.min(attempts - 1, 20);
                long capped = Math.min(base, MAX_BACKOFF.toMillis());
                wait = Duration.ofMillis((long) (capped / 2.0 + capped / 2.0 * jitter.getAsDouble()));
            }
            log.warn("{} {} on {}; trying again in {} ms (attempt {} of {})", name, last.failure().what(), endpoint,
                    wait.toMillis(), attempts + 1, retries.maxAttempts());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupted = e;
                return BackOffExecution.STOP;
            }
            return 0;
        }

        RuntimeException giveUp(Throwable lastThrown) {
            if (lastThrown instanceof Retry retry) {
                // Interrupted while waiting to try again, in the Sleeper or in RetryTemplate's own 0 ms pause.
                if (interrupted != null || Thread.currentThread().isInterrupted()) {
                    return errors.interrupted(endpoint, interrupted != null ? interrupted : new InterruptedException());
                }
                return retry.failure().status() == 429 ? errors.rateLimited(retry.failure(), retry.waitTooLong())
                        : errors.unavailable(retry.failure());
            }
            if (lastThrown instanceof RuntimeException answered) {
                // Made by the API's errors already, or thrown while building the request.
                return answered;
            }
            if (lastThrown instanceof Error error) {
                throw error;
            }
            return new IllegalStateException("Calling " + name + " on " + endpoint + " failed", lastThrown);
        }
    }

    private static Duration retryAfter(Response response) {
        String header = response.header("Retry-After");
        try {
            return Duration.ofSeconds(header == null ? 1 : Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    /** An attempt that may succeed when tried again, unless it asked to wait too long. */
    private static final class Retry extends Exception {
        private final transient Failure failure;
        private final boolean waitTooLong;
        private final boolean renewing;

        Retry(Failure failure, boolean waitTooLong, boolean renewing) {
            super(failure.what(), failure.exception(), false, false);
            this.failure = failure;
            this.waitTooLong = waitTooLong;
            this.renewing = renewing;
        }

        Failure failure() {
            return failure;
        }

        boolean waitTooLong() {
            return waitTooLong;
        }

        boolean renewing() {
            return renewing;
        }
    }
}
