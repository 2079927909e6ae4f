package io.spotifyinsights.web;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may change things: trigger and restart runs, and read the non-public Actuator endpoints.
 *
 * @param adminUser     the user name for HTTP Basic
 * @param adminPassword the password (INSIGHTS_SECURITY_ADMIN_PASSWORD or INSIGHTS_ADMIN_PASSWORD); when unset, one is
 *                      generated at every start and logged once
 * @param publicReads   whether the dashboard and the read endpoints (GET /api/**) answer without a login
 * @param loginFailures failed logins from one address within {@code loginLockout} after which its logins are refused
 * @param loginLockout  the window failed logins are counted in, and how long the refusal lasts
 */
@Validated
@ConfigurationProperties("insights.security")
public record AdminProperties(
        @DefaultValue("admin") String adminUser,
        String adminPassword,
        @DefaultValue("true") boolean publicReads,
        @Min(1) @DefaultValue("10") int loginFailures,
        @NotNull @DefaultValue("15m") Duration loginLockout) {
}
