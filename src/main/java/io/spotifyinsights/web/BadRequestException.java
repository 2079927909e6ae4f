package io.spotifyinsights.web;

/** A request a person has to change; the message says how. */
final class BadRequestException extends RuntimeException {

    BadRequestException(String message) {
        super(message);
    }
}
