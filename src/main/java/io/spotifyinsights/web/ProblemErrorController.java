package io.spotifyinsights.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page for what fails before a controller answers — a URL the security firewall refuses, an exception in
 * a filter, an error the container raised — as a problem detail like every other error, never Boot's whitelabel
 * page, a path or a stack trace.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Without a status the page was asked for directly: there is nothing at /error itself.
        HttpStatus status = code == null ? HttpStatus.NOT_FOUND
                : code instanceof Integer value && HttpStatus.resolve(value) != null ? HttpStatus.valueOf(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        Object failedPath = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = failedPath == null ? request.getRequestURI() : String.valueOf(failedPath);
        ProblemDetail problem;
        if (status.is5xxServerError()) {
            Throwable cause = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            problem = ApiExceptionHandler.serverFault(request.getMethod(), path, cause);
        } else {
            problem = Problems.of(status, status.getReasonPhrase(), clientDetail(status));
            log.info("{} {} {}: {}", status.value(), request.getMethod(), path, problem.getDetail());
        }
        problem.setInstance(java.net.URI.create(path.isEmpty() ? "/" : path.replaceAll("[^\\x21-\\x7e]", "")));
        return ResponseEntity.status(status).contentType(Problems.PROBLEM_JSON).body(problem);
    }

    private static String clientDetail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request could not be read (an unusual character or encoding in the URL, such as "
                    + "'//', ';' or an encoded '/'). Check the URL.";
            case NOT_FOUND -> "Nothing is here. The dashboard is at /, the API under /api (see README).";
            case METHOD_NOT_ALLOWED -> "This address does not take that method; see README for the API.";
            case UNAUTHORIZED -> "This needs the admin login (HTTP Basic).";
            case FORBIDDEN -> "This is not allowed.";
            default -> "The request was refused (" + status.getReasonPhrase() + ").";
        };
    }
}
