package io.spotifyinsights.web;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Changing things (triggering or restarting runs) and the Actuator endpoints beyond health and info need the admin
 * login (HTTP Basic). Reading the dashboard and the GET API is public unless {@code insights.security.public-reads}
 * is false. No change is accepted from another site's page ({@link CrossOriginRequestFilter}), failed logins are
 * throttled ({@link LoginThrottle}), and every refusal is a problem detail.
 */
@Configuration(proxyBeanMethods = false)
// Not in the terminal's import command, which starts without a web server.
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    static final String ADMIN = "ADMIN";
    /**
     * The dashboard needs nothing but its own scripts, style sheets and JSON: no inline script, no CDN, no frame. The
     * one allowance is style attributes ({@code style-src-attr}), which the chart library sets on its elements; a
     * style attribute runs no code, and {@code <style>} elements stay refused.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "style-src-attr 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AdminProperties admin, Clock clock) throws Exception {
        http.authorizeHttpRequests(requests -> {
            requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll();
            requests.requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(ADMIN);
            requests.requestMatchers(HttpMethod.GET, "/api/**").access(readAccess(admin));
            requests.requestMatchers("/api/**").hasRole(ADMIN);
            // Connecting decides whose plays the service keeps.
            requests.requestMatchers("/connect", "/callback").hasRole(ADMIN);
            requests.requestMatchers("/error").permitAll();
            requests.anyRequest().access(readAccess(admin));
        });
        AuthenticationEntryPoint loginNeeded = SecurityConfiguration::loginNeeded;
        http.httpBasic(basic -> basic.authenticationEntryPoint(loginNeeded));
        http.exceptionHandling(handling -> handling.authenticationEntryPoint(loginNeeded)
                .accessDeniedHandler(forbidden()));
        // Cross-site changes are refused by where the browser says a request comes from, not by a token: the API is
        // called with Basic credentials a browser may have cached, and curl must keep working.
        http.csrf(AbstractHttpConfigurer::disable);
        http.addFilterBefore(new CrossOriginRequestFilter(), CsrfFilter.class);
        http.addFilterBefore(new LoginThrottle(admin.loginFailures(), admin.loginLockout(), clock),
                BasicAuthenticationFilter.class);
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .frameOptions(frames -> frames.deny()));
        return http.build();
    }

    /**
     * 401 as a problem detail. Browsers get the Basic challenge, except the dashboard's own calls
     * ({@code X-Requested-With}), which show their own message instead of the browser's login box.
     */
    private static void loginNeeded(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException e) throws IOException {
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Spotify Insights\"");
        }
        Problems.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "Login needed",
                "This needs the admin login (HTTP Basic), e.g. curl -u admin:PASSWORD …; the password is "
                        + "INSIGHTS_ADMIN_PASSWORD."));
    }

    private static AccessDeniedHandler forbidden() {
        return (request, response, e) -> Problems.write(request, response, Problems.of(HttpStatus.FORBIDDEN,
                "Forbidden", "This login may not do this; only the admin may."));
    }

    private static AuthorizationManager<RequestAuthorizationContext> readAccess(AdminProperties admin) {
        return admin.publicReads()
                ? (authentication, context) -> new AuthorizationDecision(true)
                : AuthorityAuthorizationManager.hasRole(ADMIN);
    }

    @Bean
    UserDetailsService adminUser(AdminProperties admin, PasswordEncoder passwordEncoder) {
        String password = admin.adminPassword();
        if (password == null || password.isBlank()) {
            password = generatedPassword();
            log.warn("No admin password is set (INSIGHTS_ADMIN_PASSWORD); for this run, log in as '{}' with the "
                    + "generated password: {}", admin.adminUser(), password);
        }
        return new InMemoryUserDetailsManager(User.withUsername(admin.adminUser())
                .password(passwordEncoder.encode(password))
                .roles(ADMIN)
                .build());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    private static String generatedPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
