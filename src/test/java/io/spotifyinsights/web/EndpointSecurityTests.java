package io.spotifyinsights.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import io.spotifyinsights.pipeline.PipelineIntegrationTest;

/**
 * Every endpoint Spring maps — read from the handler mappings, so one added later is covered without touching this
 * test — asked without a login, with a wrong one, and from another site's page with the admin's. The rule it holds
 * them to is the README's: health, info, the dashboard and GET /api are public; everything else needs the admin;
 * nothing changes on another site's request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointSecurityTests extends PipelineIntegrationTest {

    record Endpoint(String method, String path) {

        boolean mutates() {
            return !Set.of("GET", "HEAD", "OPTIONS").contains(method);
        }

        /** The README's rule, written here independently of SecurityConfiguration. */
        boolean publicRead() {
            if (path.equals("/error")) {
                // The page errors are rendered with, whatever the method: it changes nothing.
                return true;
            }
            if (mutates()) {
                return false;
            }
            if (path.startsWith("/actuator")) {
                return path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                        || path.equals("/actuator/info");
            }
            return !path.equals("/connect") && !path.equals("/callback");
        }
    }

    @Autowired
    ApplicationContext context;

    List<Endpoint> endpoints;

    @BeforeAll
    void enumerateEndpoints() {
        Set<String> seen = new TreeSet<>();
        endpoints = new ArrayList<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                List<String> names = methods.isEmpty() ? List.of("GET", "POST")
                        : methods.stream().map(RequestMethod::name).toList();
                for (String pattern : info.getPatternValues()) {
                    for (String method : names) {
                        if (seen.add(method + " " + pattern)) {
                            endpoints.add(new Endpoint(method, concrete(pattern)));
                        }
                    }
                }
            }
        }
        // The dashboard's page and assets come from the static resource handler, not a request mapping.
        endpoints.add(new Endpoint("GET", "/"));
        endpoints.add(new Endpoint("GET", "/app.js"));
    }

    @Test
    void theEnumerationFindsTheApiTheActuatorAndTheConnectFlow() {
        assertThat(endpoints).contains(new Endpoint("POST", "/api/runs"), new Endpoint("POST", "/api/runs/1/restart"),
                new Endpoint("GET", "/api/top-tracks"), new Endpoint("GET", "/connect"),
                new Endpoint("GET", "/actuator/env"), new Endpoint("POST", "/actuator/loggers/ROOT"));
        assertThat(endpoints.stream().filter(Endpoint::mutates)).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void withoutALoginOnlyPublicReadsAnswer() {
        long runsBefore = runHistory.page(0, 1).total();
        for (Endpoint endpoint : endpoints) {
            HttpResponse<String> response = call(endpoint, null, null);

            if (endpoint.publicRead()) {
                assertThat(response.statusCode()).as(endpoint.toString()).isNotIn(401, 403).isLessThan(500);
            } else {
                assertThat(response.statusCode()).as(endpoint.toString()).isEqualTo(401);
            }
        }
        assertThat(runHistory.page(0, 1).total()).isEqualTo(runsBefore);
    }

    @Test
    void aWrongPasswordIsRefusedEverywhere() {
        long runsBefore = runHistory.page(0, 1).total();
        for (Endpoint endpoint : endpoints) {
            HttpResponse<String> response = call(endpoint, "not-the-admin-password", null);

            assertThat(response.statusCode()).as(endpoint.toString()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).as(endpoint.toString())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(runHistory.page(0, 1).total()).isEqualTo(runsBefore);
    }

    @Test
    void fromAnotherSitesPageNothingChangesEvenWithTheAdminsLogin() {
        long runsBefore = runHistory.page(0, 1).total();
        for (Endpoint endpoint : endpoints) {
            HttpResponse<String> response = call(endpoint, ADMIN_PASSWORD, "https://evil.example");

            if (endpoint.mutates()) {
                assertThat(response.statusCode()).as(endpoint.toString()).isEqualTo(403);
                assertThat(response.body()).as(endpoint.toString()).contains("another site");
            } else {
                assertThat(response.statusCode()).as(endpoint.toString()).isNotIn(401, 403).isLessThan(500);
            }
        }
        assertThat(runHistory.page(0, 1).total()).isEqualTo(runsBefore);
    }

    private HttpResponse<String> call(Endpoint endpoint, String password, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(endpoint.path()))
                .method(endpoint.method(), endpoint.mutates()
                        ? HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8)
                        : HttpRequest.BodyPublishers.noBody())
                .header("Content-Type", "application/json");
        if (password != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (origin != null) {
            request.header("Origin", origin).header("Sec-Fetch-Site", "cross-site");
        }
        return send(request, false);
    }

    /** A path to call for a pattern: each variable filled with a value the endpoint can take. */
    private static String concrete(String pattern) {
        return pattern.replace("{id}", "1")
                .replace("{name}", "ROOT")
                .replace("{requiredMetricName}", "jvm.memory.used")
                .replace("{toMatch}", "ROOT")
                .replaceAll("/\\*\\*$", "/liveness")
                .replaceAll("\\{[^}/]+}", "x");
    }
}
