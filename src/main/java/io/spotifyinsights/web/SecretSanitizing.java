package io.spotifyinsights.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Masks secrets in the env, configprops and quartz endpoints, which admins see with values: every key that names a
 * secret, token, password, credential or key, whatever the property source — and, inside any other value, every
 * {@code name=value} or {@code "name": "value"} whose name does. That second rule covers a secret passed on the
 * command line ({@code sun.java.command}, {@code JAVA_TOOL_OPTIONS}) or as {@code SPRING_APPLICATION_JSON}.
 */
@Configuration(proxyBeanMethods = false)
class SecretSanitizing {

    private static final String SECRET_NAME =
            "(?:secret|password|passwd|token|credential|private.?key|api.?key|vcap_services)";
    private static final Pattern SECRET_KEY = Pattern.compile(".*" + SECRET_NAME + ".*", Pattern.CASE_INSENSITIVE);
    /**
     * A name containing a secret word, then {@code =} (a command line) or {@code ":} (JSON), then the value up to a
     * space, comma, quote or brace.
     */
    private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
            "([\\w.\\-\\[\\]]*" + SECRET_NAME + "[\\w.\\-\\[\\]]*(?:\\s*=\\s*|\"\\s*:\\s*\"?))([^\\s,;&\"}]+)",
            Pattern.CASE_INSENSITIVE);

    @Bean
    SanitizingFunction secretSanitizingFunction() {
        return SecretSanitizing::sanitize;
    }

    static SanitizableData sanitize(SanitizableData data) {
        if (isSecret(data)) {
            return data.withValue(SanitizableData.SANITIZED_VALUE);
        }
        if (data.getValue() instanceof CharSequence text) {
            String masked = maskAssignments(text.toString());
            if (!masked.contentEquals(text)) {
                return data.withValue(masked);
            }
        }
        return data;
    }

    static boolean isSecret(SanitizableData data) {
        return SECRET_KEY.matcher(data.getKey()).matches();
    }

    static String maskAssignments(String text) {
        Matcher matcher = SECRET_ASSIGNMENT.matcher(text);
        return matcher.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + SanitizableData.SANITIZED_VALUE));
    }
}
