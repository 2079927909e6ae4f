package io.spotifyinsights.web;

import java.net.URI;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.spotifyinsights.pipeline.RunAlreadyGoingException;
import io.spotifyinsights.pipeline.RunNotFoundException;
import io.spotifyinsights.pipeline.RunNotRestartableException;

/** Errors as RFC 9457 problem details whose {@code detail} says what to do. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler
    ProblemDetail runAlreadyGoing(RunAlreadyGoingException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "A run is going", e.getMessage());
        problem.setProperty("runningId", e.runningId());
        problem.setProperty("running", "/api/runs/" + e.runningId());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail runNotFound(RunNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "No such run", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail runNotRestartable(RunNotRestartableException e) {
        return problem(HttpStatus.CONFLICT, "Run can't be restarted", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail badRequest(BadRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unexpected(RuntimeException e) {
        log.error("Request failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The service could not answer: " + e.getMessage() + ". The service log has the details.");
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getParameterValidationResults().stream()
                .map(result -> "'%s' %s".formatted(result.getMethodParameter().getParameterName(),
                        result.getResolvableErrors().stream().map(error -> error.getDefaultMessage())
                                .findFirst().orElse("is not valid")))
                .reduce((a, b) -> a + "; " + b).orElse("the request's parameters are not valid");
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Bad request", detail));
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        return problem;
    }
}
