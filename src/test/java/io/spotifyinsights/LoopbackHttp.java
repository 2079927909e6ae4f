package io.spotifyinsights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Requests to a service on a loopback port, as a person with curl would send them: with the admin login or not. */
public final class LoopbackHttp {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String adminPassword;

    public LoopbackHttp(int port, String adminPassword) {
        this.port = port;
        this.adminPassword = adminPassword;
    }

    public HttpResponse<String> send(String method, String path, boolean asAdmin) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()), asAdmin);
    }

    /** A multipart/form-data POST of files, each in a part named {@code part}. */
    public HttpResponse<String> postFiles(String path, String part, java.util.Map<String, byte[]> files,
            boolean asAdmin) {
        String boundary = "loopback-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        files.forEach((name, content) -> {
            body.writeBytes(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").formatted(boundary, part, name)
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes("--%s--\r\n".formatted(boundary).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), asAdmin);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, boolean asAdmin) {
        request.timeout(Duration.ofSeconds(60));
        if (asAdmin) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
