package io.spotifyinsights.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's last word on an error no part of the application answered — a request line or URL Tomcat itself can't
 * read, for instance — written as a problem detail instead of Tomcat's HTML page with its server version.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code) == null ? HttpStatus.BAD_REQUEST : HttpStatus.valueOf(code);
        String detail = status == HttpStatus.BAD_REQUEST
                ? "The request could not be read: check the URL for characters that must be percent-encoded "
                        + "(such as | { } < > or a stray %) and the request's headers."
                : "The request could not be answered (" + status.getReasonPhrase() + ").";
        try {
            response.setContentType(Problems.PROBLEM_JSON.toString());
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(Problems.json(Problems.of(status, status.getReasonPhrase(), detail), null));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response can't take a body: nothing more can be said.
        }
    }
}
