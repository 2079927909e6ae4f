package io.spotifyinsights.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a failed call becomes, in the terms of the API called. {@link JsonApi} decides when to try again and how long
 * to wait, the same for every API; what a person reads when it gives up differs: ReccoBeats' failures are one
 * {@link ApiCallException} ({@link #plain}), Spotify's are its own exception types, and its accounts service answers
 * with OAuth error codes. Messages name the endpoint (the path) and never the query, a header, a token or the body as
 * it came.
 */
public interface ApiErrors {

    /** A successful answer whose JSON could not be read or bound to the record asked for. */
    RuntimeException unreadable(String endpoint, JacksonException e);

    /**
     * An error status that is not tried again: a 4xx other than 429, or a 401 that fresh credentials did not cure.
     */
    RuntimeException refused(ErrorAnswer answer);

    /**
     * A 429 that asked for a wait beyond the configured bound, or that was still the answer at the last attempt.
     *
     * @param beyondBound whether it asked for longer than the bound (else the attempts ran out)
     */
    RuntimeException rateLimited(Failure failure, boolean beyondBound);

    /** 5xx answers or I/O failures through every attempt. */
    RuntimeException unavailable(Failure failure);

    /** The thread was interrupted while waiting to try again; its interrupt flag is set again already. */
    RuntimeException interrupted(String endpoint, InterruptedException e);

    /** Every failure an {@link ApiCallException} naming the API, as a person knows it ("ReccoBeats"). */
    static ApiErrors plain(String api) {
        return new PlainErrors(api);
    }

    /**
     * How the last attempt of a call that gives up failed.
     *
     * @param attempts   attempts made in all
     * @param status     the HTTP status; 0 when no answer came
     * @param retryAfter what a 429 asked to wait; null for other failures
     * @param exception  why no answer came; null when one did
     */
    record Failure(String endpoint, int attempts, int status, Duration retryAfter, IOException exception) {

        /** Nobody answered in time, or nobody listened: the network or the host, rather than the API. */
        public boolean noAnswer() {
            return exception instanceof InterruptedIOException || exception instanceof ConnectException;
        }

        /** What went wrong, in a few words for a log line or a message: "answered 503", "did not answer (...)". */
        public String what() {
            if (status == 429) {
                return "rate-limited (429, Retry-After %d s)".formatted(retryAfter.toSeconds());
            }
            if (status != 0) {
                return "answered " + status;
            }
            return (noAnswer() ? "did not answer (" : "failed (") + exception.getClass().getSimpleName() + ")";
        }
    }

    /**
     * An answer with an error status. Its body is only read into a record: error bodies are echoed nowhere whole, and
     * {@link #toString()} does not show it.
     */
    final class ErrorAnswer {

        private final String endpoint;
        private final int status;
        private final String body;
        private final JsonMapper json;

        ErrorAnswer(String endpoint, int status, String body, JsonMapper json) {
            this.endpoint = endpoint;
            this.status = status;
            this.body = body;
            this.json = json;
        }

        public String endpoint() {
            return endpoint;
        }

        public int status() {
            return status;
        }

        /** The body bound to {@code type}; null when it isn't such JSON (error answers may be HTML, or empty). */
        public <T> T body(Class<T> type) {
            try {
                return body == null || body.isBlank() ? null : json.readValue(body, type);
            } catch (JacksonException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return "ErrorAnswer[" + status + " on " + endpoint + "]";
        }
    }
}
