package io.spotifyinsights.web;

import org.springframework.web.multipart.MaxUploadSizeExceededException;
import java.lang.annotation.Annotation;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.NestedRuntimeException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.spotifyinsights.history.ImportRefusedException;
import io.spotifyinsights.pipeline.OtherJobGoingException;
import io.spotifyinsights.pipeline.RunAlreadyGoingException;
import io.spotifyinsights.pipeline.RunNotFoundException;
import io.spotifyinsights.pipeline.RunNotRestartableException;
import io.spotifyinsights.pipeline.ServiceStoppingException;
import io.spotifyinsights.pipeline.WarehouseRebuildingException;

/**
 * Errors as RFC 9457 problem details whose {@code detail} says what to do. A client error is one log line; a server
 * fault is logged once with its stack trace under an error id, and the answer names only that id — never a path on
 * disk or an internal message.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler
    ProblemDetail runAlreadyGoing(RunAlreadyGoingException e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "A run is going", e.getMessage());
        problem.setProperty("runningId", e.runningId());
        problem.setProperty("running", "/api/runs/" + e.runningId());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail otherJobGoing(OtherJobGoingException e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "An import is going", e.getMessage());
        problem.setProperty("job", e.jobName());
        problem.setProperty("imports", "/api/imports");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail warehouseRebuilding(WarehouseRebuildingException e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "The warehouse is being rebuilt", e.getMessage());
        problem.setProperty("rebuild", "/api/warehouse/rebuild");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail serviceStopping(ServiceStoppingException e) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "The service is stopping", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail runNotFound(RunNotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "No such run", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail runNotRestartable(RunNotRestartableException e) {
        return Problems.of(HttpStatus.CONFLICT, "Run can't be restarted", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail importRefused(ImportRefusedException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "Import refused", e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String limit = e.getMaxUploadSize() > 0 ? " (%d MB)".formatted(e.getMaxUploadSize() >> 20) : "";
        ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Upload too large", ("The upload is "
                + "larger than the service takes%s. Raise insights.import.max-upload-size, or import from a terminal "
                + "with java -jar spotify-insights.jar import <path>.").formatted(limit));
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
    }

    @ExceptionHandler
    ProblemDetail badRequest(BadRequestException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    /**
     * The run history's database is unreachable or refuses writes (a full disk): the service heals by itself once
     * the cause is gone, so this is a 503 with one log line, not a stack trace per request.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransactionException.class})
    ProblemDetail dataUnavailable(NestedRuntimeException e, HttpServletRequest request) {
        Throwable root = e.getMostSpecificCause();
        log.warn("503 {} {}: the run history can't be used: {}", request.getMethod(), request.getRequestURI(),
                root.getMessage());
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Run history unavailable", "The run history can't be "
                + "read or written right now (" + root.getClass().getSimpleName() + "); a full disk is the usual "
                + "cause. The service recovers by itself once it is fixed; /actuator/health shows what is down.");
    }

    @ExceptionHandler
    ProblemDetail unexpected(RuntimeException e, HttpServletRequest request) {
        return serverFault(request.getMethod(), request.getRequestURI(), e);
    }

    /**
     * A fault of the service, not of the request: logged once with its stack trace under a short id, answered with
     * that id only.
     */
    static ProblemDetail serverFault(String method, String path, Throwable cause) {
        String errorId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        log.error("Error {} answering {} {}", errorId, method, path, cause);
        ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                ("The service could not answer (error %s). The service log has the details under this id; "
                        + "/actuator/health shows whether a part of the service is down.").formatted(errorId));
        problem.setProperty("errorId", errorId);
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : e.getPropertyName();
        String expected = e.getRequiredType() == null ? "value" : describe(e.getRequiredType());
        String range = e instanceof MethodArgumentTypeMismatchException mismatch ? range(mismatch.getParameter())
                : "";
        return badRequest("'%s' is '%s': give %s%s".formatted(name, e.getValue(), expected, range), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getParameterValidationResults().stream()
                .map(result -> "'%s' is '%s': give %s%s".formatted(result.getMethodParameter().getParameterName(),
                        result.getArgument(), describe(result.getMethodParameter().getParameterType()),
                        range(result.getMethodParameter())))
                .reduce((a, b) -> a + "; " + b).orElse("the request's parameters are not valid");
        return badRequest(detail, request);
    }

    /** Every problem Spring MVC itself raises (404, 405, 415, …) also costs one log line and no stack trace. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        Object problem = response == null ? null : response.getBody();
        log.info("{} {} {}: {}", status.value(), method(request), path(request),
                problem instanceof ProblemDetail detail ? detail.getDetail() : e.getMessage());
        return response;
    }

    private ResponseEntity<Object> badRequest(String detail, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "Bad request", detail);
        log.info("400 {} {}: {}", method(request), path(request), detail);
        return ResponseEntity.badRequest().body(problem);
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName();
    }

    /** The bounds a parameter's {@code @Min}/{@code @Max} set, so the answer says which values work. */
    private static String range(MethodParameter parameter) {
        Long min = null;
        Long max = null;
        for (Annotation annotation : parameter.getParameterAnnotations()) {
            if (annotation instanceof Min bound) {
                min = bound.value();
            } else if (annotation instanceof Max bound) {
                max = bound.value();
            }
        }
        if (min != null && max != null) {
            return " from %d to %d".formatted(min, max);
        }
        if (min != null) {
            return " of at least " + min;
        }
        return max != null ? " of at most " + max : "";
    }

    private static String method(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getMethod() : "";
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI()
                : request.getDescription(false);
    }
}
