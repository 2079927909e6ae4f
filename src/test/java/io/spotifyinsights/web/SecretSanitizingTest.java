package io.spotifyinsights.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretSanitizingTest {

    @Test
    void masksEverySecretAssignmentInsideAValueAndLeavesTheRest() {
        assertThat(SecretSanitizing.maskAssignments("java -jar app.jar --spotify.client-secret=abc123 "
                + "-DINSIGHTS_ADMIN_PASSWORD=pw9 --spotify.client-id=visible"))
                .isEqualTo("java -jar app.jar --spotify.client-secret=****** -DINSIGHTS_ADMIN_PASSWORD=****** "
                        + "--spotify.client-id=visible");
        assertThat(SecretSanitizing.maskAssignments(
                "{\"spotify\":{\"client-secret\":\"abc123\",\"refresh-token\": \"rt42\",\"client-id\":\"visible\"}}"))
                .isEqualTo("{\"spotify\":{\"client-secret\":\"******\",\"refresh-token\": \"******\","
                        + "\"client-id\":\"visible\"}}");
        assertThat(SecretSanitizing.maskAssignments("/lib/google-auth-library-credentials-1.40.0.jar:/lib/x.jar"))
                .as("a class path is not an assignment").isEqualTo("/lib/google-auth-library-credentials-1.40.0.jar:/lib/x.jar");
    }
}
