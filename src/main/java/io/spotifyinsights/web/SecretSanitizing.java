package io.spotifyinsights.web;

import java.util.regex.Pattern;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Masks secrets in the env, configprops and quartz endpoints, which admins see with values: every key that names a
 * secret, token, password, credential or key, whatever the property source.
 */
@Configuration(proxyBeanMethods = false)
class SecretSanitizing {

    private static final Pattern SECRET_KEY =
            Pattern.compile(".*(secret|password|passwd|token|credential|private.?key|api.?key|vcap_services).*",
                    Pattern.CASE_INSENSITIVE);

    @Bean
    SanitizingFunction secretSanitizingFunction() {
        return data -> isSecret(data) ? data.withValue(SanitizableData.SANITIZED_VALUE) : data;
    }

    static boolean isSecret(SanitizableData data) {
        return SECRET_KEY.matcher(data.getKey()).matches();
    }
}
