package io.spotifyinsights.http;

import tools.jackson.core.JacksonException;

/** Failures as one {@link ApiCallException} that names the API and the endpoint and says what to do. */
record PlainErrors(String api) implements ApiErrors {

    @Override
    public RuntimeException unreadable(String endpoint, JacksonException e) {
        return new ApiCallException(api, endpoint, "%s answered JSON of an unexpected shape on %s (%s); "
                .formatted(api, endpoint, e.getOriginalMessage()) + "its API may have changed.", e);
    }

    @Override
    public RuntimeException refused(ErrorAnswer answer) {
        return new ApiCallException(api, answer.endpoint(),
                "%s answered %d on %s".formatted(api, answer.status(), answer.endpoint()), null);
    }

    @Override
    public RuntimeException rateLimited(Failure failure, boolean beyondBound) {
        String why = beyondBound ? "asks to wait %d s, longer than the configured bound"
                : "still asks to wait %d s after " + failure.attempts() + " attempts";
        return new ApiCallException(api, failure.endpoint(), ("%s rate-limits %s and " + why
                + "; the next run tries again.").formatted(api, failure.endpoint(), failure.retryAfter().toSeconds()),
                null);
    }

    @Override
    public RuntimeException unavailable(Failure failure) {
        return new ApiCallException(api, failure.endpoint(), ("%s %s on %s, %d attempts in all; it seems down or out "
                + "of reach. Check the network; the next run tries again.").formatted(api, failure.what(),
                failure.endpoint(), failure.attempts()), failure.exception());
    }

    @Override
    public RuntimeException interrupted(String endpoint, InterruptedException e) {
        return new ApiCallException(api, endpoint, "Interrupted while waiting to call %s again on %s"
                .formatted(api, endpoint), e);
    }
}
