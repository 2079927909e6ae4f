package io.spotifyinsights.http;

/**
 * A call to an outside API that did not give an answer: refused, malformed, down or rate-limited beyond the
 * configured wait. The message names the API and the endpoint and says what to do.
 */
public class ApiCallException extends RuntimeException {

    private final String api;
    private final String endpoint;

    public ApiCallException(String api, String endpoint, String message, Throwable cause) {
        super(message, cause);
        this.api = api;
        this.endpoint = endpoint;
    }

    public String api() {
        return api;
    }

    public String endpoint() {
        return endpoint;
    }
}
