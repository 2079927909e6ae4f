package io.spotifyinsights.web;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Changing things (triggering or restarting runs) and the Actuator endpoints beyond health and info need the admin
 * login (HTTP Basic). Reading the dashboard and the GET API is public unless {@code insights.security.public-reads}
 * is false.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    static final String ADMIN = "ADMIN";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AdminProperties admin) throws Exception {
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
        http.httpBasic(Customizer.withDefaults());
        // The API is called with HTTP Basic, not with a browser session a third-party page could ride on.
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"));
        return http.build();
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
