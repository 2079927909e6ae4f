package io.spotifyinsights.web;

import java.util.Arrays;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * The few pages the server renders itself (the end of the connect flow). Every piece of text is escaped, the
 * template included, so nothing a request or Spotify carries can become markup; the only markup is this class's.
 *
 * @param message text with {@code %s} where each value goes, shown in bold
 * @param link    where the one link of the page leads, e.g. {@code /connect}
 */
record ServerPage(HttpStatus status, String title, String message, Object[] values, String link, String linkText) {

    static ServerPage of(HttpStatus status, String title, String message, String link, String linkText,
            Object... values) {
        return new ServerPage(status, title, message, values, link, linkText);
    }

    ResponseEntity<String> render() {
        Object[] bold = Arrays.stream(values).map(value -> "<strong>" + escape(value) + "</strong>").toArray();
        // Escaping the template first keeps its %s intact and any markup in it inert.
        String body = escape(message).formatted(bold);
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>%s · Spotify Insights</title>
                <link rel="stylesheet" href="/app.css"></head>
                <body><main class="narrow"><h1>%s</h1><p>%s <a href="%s">%s</a></p></main></body></html>
                """.formatted(escape(title), escape(title), body, escape(link), escape(linkText));
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html);
    }

    private static String escape(Object value) {
        return HtmlUtils.htmlEscape(String.valueOf(value));
    }
}
