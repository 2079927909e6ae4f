package io.spotifyinsights;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Google Cloud project the GCS lake and the BigQuery warehouse live in. Credentials are Google's Application
 * Default Credentials: {@code GOOGLE_APPLICATION_CREDENTIALS} pointing at a service account key, or the identity of
 * the VM or workload.
 *
 * @param project the project id; when unset, the one the credentials name
 */
@ConfigurationProperties("insights.gcp")
public record GcpProperties(String project) {
}
