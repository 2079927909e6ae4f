package io.spotifyinsights.web;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request that would change something when a browser says it comes from another site. A browser that
 * cached the admin's Basic login sends it along with any page's form POST, so the login alone proves nothing; the
 * browser's own {@code Sec-Fetch-Site} (or, from older browsers, {@code Origin}) tells where the request started.
 * Clients that are not browsers (curl, scripts) send neither header and are not affected. The same rule as Go's
 * {@code net/http.CrossOriginProtection}; no token has to travel with each form.
 */
final class CrossOriginRequestFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(CrossOriginRequestFilter.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE_METHODS.contains(request.getMethod()) || fromThisOrigin(request)) {
            chain.doFilter(request, response);
            return;
        }
        log.warn("Refused {} {} from another site (Origin {}, Sec-Fetch-Site {})", request.getMethod(),
                request.getRequestURI(), request.getHeader("Origin"), request.getHeader("Sec-Fetch-Site"));
        Problems.write(request, response, Problems.of(HttpStatus.FORBIDDEN, "Cross-site request refused",
                "A page of another site asked the browser to change something here; the service refuses that. "
                        + "Use the dashboard itself, or call the API directly (e.g. curl -u admin:… -X POST …)."));
    }

    static boolean fromThisOrigin(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            // "none": the person typed or bookmarked it; "same-site" is another port or subdomain, so another origin.
            String site = fetchSite.toLowerCase(Locale.ROOT);
            return site.equals("same-origin") || site.equals("none");
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        return sameOrigin(origin, request);
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = URI.create(origin);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(uri.getScheme());
            return uri.getScheme().equalsIgnoreCase(request.getScheme())
                    && uri.getHost().equalsIgnoreCase(request.getServerName())
                    && port == request.getServerPort();
        } catch (IllegalArgumentException e) {
            // "null" (a sandboxed frame, a file) and anything unreadable are not this origin.
            return false;
        }
    }

    private static int defaultPort(String scheme) {
        return scheme.equalsIgnoreCase("https") ? 443 : 80;
    }
}
