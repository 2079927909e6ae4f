package io.spotifyinsights.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.spotifyinsights.pipeline.PipelineIntegrationTest;

/** What an attacker or a careless client sends, and what the service answers: never markup, paths or traces. */
class HostileRequestTests extends PipelineIntegrationTest {

    static final String SCRIPT = "<script>alert(document.domain)</script>";

    @Test
    void aCallbackEchoesSpotifysErrorAsTextNeverAsMarkup() {
        HttpResponse<String> page = get(browser(), "/callback?error=" + encode(SCRIPT), true);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).doesNotContain("<script").contains("&lt;script&gt;alert(document.domain)&lt;/script&gt;");
    }

    @Test
    void everyPageCarriesAStrictContentSecurityPolicyAndSendsNoReferrer() {
        for (String path : new String[] {"/", "/api/status", "/callback?error=x"}) {
            HttpResponse<String> response = get(path, true);

            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValue(SecurityConfiguration.CONTENT_SECURITY_POLICY);
            assertThat(SecurityConfiguration.CONTENT_SECURITY_POLICY).contains("script-src 'self';",
                    "default-src 'none'", "frame-ancestors 'none'").doesNotContain("unsafe-eval")
                    .doesNotContainPattern("script-src[^;]*unsafe-inline").doesNotContainPattern("style-src [^;]*unsafe");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
        }
    }

    @Test
    void theSessionCookieIsSameSiteLaxAndHiddenFromScripts() {
        HttpResponse<String> connect = get(browser(), "/connect", true);

        assertThat(connect.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").contains("SameSite=Lax").contains("HttpOnly"));
    }

    @Test
    void aFormPostFromAnotherSiteStartsNoRunEvenWithTheAdminsCachedLogin() {
        long runsBefore = runHistory.page(0, 1).total();

        HttpResponse<String> byOrigin = send(HttpRequest.newBuilder(uri("/api/runs"))
                .header("Origin", "https://evil.example").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x=1")), true);
        HttpResponse<String> byFetchMetadata = send(HttpRequest.newBuilder(uri("/api/runs"))
                .header("Sec-Fetch-Site", "cross-site").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x=1")), true);
        HttpResponse<String> otherPortSameHost = send(HttpRequest.newBuilder(uri("/api/runs"))
                .header("Origin", "http://127.0.0.1:1").POST(HttpRequest.BodyPublishers.noBody()), true);
        HttpResponse<String> sandboxed = send(HttpRequest.newBuilder(uri("/api/runs"))
                .header("Origin", "null").POST(HttpRequest.BodyPublishers.noBody()), true);

        for (HttpResponse<String> refused : new HttpResponse[] {byOrigin, byFetchMetadata, otherPortSameHost,
                sandboxed}) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.body()).contains("another site", "curl -u admin");
        }
        assertThat(runHistory.page(0, 1).total()).isEqualTo(runsBefore);
    }

    @Test
    void theDashboardsOwnPostAndCurlStillStartRuns() {
        SPOTIFY.listener("same-origin");
        HttpResponse<String> fromTheDashboard = send(HttpRequest.newBuilder(uri("/api/runs"))
                .header("Origin", "http://127.0.0.1:" + port).header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.noBody()), true);
        awaitEnd(Long.parseLong(fromTheDashboard.headers().firstValue("Location").orElseThrow()
                .replaceAll(".*/", "")));
        HttpResponse<String> fromCurl = post("/api/runs", true);

        assertThat(fromTheDashboard.statusCode()).isEqualTo(202);
        assertThat(fromCurl.statusCode()).isEqualTo(202);
        awaitEnd(Long.parseLong(fromCurl.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "")));
    }

    @Test
    void refusalsAreProblemDetails() {
        HttpResponse<String> noLogin = post("/api/runs", false);
        HttpResponse<String> wrongLogin = send(HttpRequest.newBuilder(uri("/api/runs"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "admin:wrong".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()), false);
        HttpResponse<String> unknownPath = get("/no/such/page", false);
        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(uri("/api/top-tracks"))
                .DELETE(), true);
        HttpResponse<String> firewall = get("/api/runs;jsessionid=x", false);

        assertThat(noLogin.statusCode()).isEqualTo(401);
        assertThat(noLogin.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Basic"));
        assertThat(wrongLogin.statusCode()).isEqualTo(401);
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(firewall.statusCode()).isEqualTo(400);
        for (HttpResponse<String> response : java.util.List.of(noLogin, wrongLogin, unknownPath, wrongMethod,
                firewall)) {
            assertThat(response.headers().firstValue("Content-Type")).as(response.uri().toString())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).as(response.uri().toString())
                    .contains("\"status\":" + response.statusCode(), "\"detail\":\"")
                    .doesNotContain("Exception").doesNotContain(DATA_DIR.toString()).doesNotContain("<html");
        }
        assertThat(noLogin.body()).contains("admin login");
    }

    @Test
    void aRequestTomcatItselfCannotReadGetsAProblemDetailNotTomcatsPage() throws IOException {
        for (String target : new String[] {"/api/plays?from=<x>", "/api/%zz", "/a|b"}) {
            String response = raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

            assertThat(response).as(target).startsWith("HTTP/1.1 400");
            assertThat(response).as(target).contains("application/problem+json", "\"status\":400")
                    .doesNotContain("<html").doesNotContain("Apache Tomcat");
        }
    }

    @Test
    void aParameterOfTheWrongKindIsToldWhatToGive() {
        HttpResponse<String> letters = get("/api/plays?limit=abc", false);
        HttpResponse<String> tooMany = get("/api/plays?limit=20000", false);

        assertThat(letters.statusCode()).isEqualTo(400);
        assertThat(letters.body()).contains("'limit' is 'abc': give a whole number from 1 to 10000");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("'limit' is '20000': give a whole number from 1 to 10000");
    }

    @Test
    void timesBeyondWhatTheWarehouseHoldsAreABadRequestNotAnOverflow() {
        for (String query : new String[] {"from=%2B1000000000-01-01T00:00:00Z", "to=-999999999-01-01T00:00:00Z",
                "to=%2B10000-01-01T00:00:01Z"}) {
            HttpResponse<String> response = get("/api/plays?" + query, false);

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.body()).as(query).contains("give a time from 0001-01-01 to 9999-12-31")
                    .doesNotContain("overflow");
        }
        assertThat(get("/api/plays?from=0001-01-01&to=9999-12-31", false).statusCode()).isEqualTo(200);
    }

    @Test
    void everyFormOfZoneJavaAcceptsIsAnsweredNotA500() {
        for (String zone : new String[] {"%2B05:30", "UTC%2B5", "Etc/GMT-3", "Z", "GMT-03:30"}) {
            HttpResponse<String> response = get("/api/insights?listener=zones&window=all&zone=" + zone, false);

            assertThat(response.statusCode()).as(zone).isEqualTo(200);
        }
        assertThat(get("/api/insights?zone=Mars/Olympus", false).body())
                .contains("'zone' is 'Mars/Olympus': give a time zone such as Europe/Paris");
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8))) {
                return in.lines().collect(Collectors.joining("\n"));
            }
        }
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
