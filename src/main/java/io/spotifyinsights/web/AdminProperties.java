package io.spotifyinsights.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may change things: trigger and restart runs, and read the non-public Actuator endpoints.
 *
 * @param adminUser     the user name for HTTP Basic
 * @param adminPassword the password (INSIGHTS_SECURITY_ADMIN_PASSWORD or INSIGHTS_ADMIN_PASSWORD); when unset, one is
 *                      generated at every start and logged once
 * @param publicReads   whether the dashboard and the read endpoints (GET /api/**) answer without a login
 */
@ConfigurationProperties("insights.security")
public record AdminProperties(
        @DefaultValue("admin") String adminUser,
        String adminPassword,
        @DefaultValue("true") boolean publicReads) {
}
