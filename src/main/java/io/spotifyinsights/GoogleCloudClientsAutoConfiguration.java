package io.spotifyinsights;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;

/**
 * Google's clients for the GCS lake and the BigQuery warehouse, made only when those are selected. Credentials are
 * Application Default Credentials; the project is {@code insights.gcp.project}, or the one the credentials name.
 * An auto-configuration, so a client defined elsewhere (a test's loopback one) takes precedence.
 */
@AutoConfiguration
public class GoogleCloudClientsAutoConfiguration {

    @Bean
    @ConditionalOnProperty(name = "insights.lake.type", havingValue = "gcs")
    @ConditionalOnMissingBean
    Storage googleCloudStorage(GcpProperties gcp) {
        StorageOptions.Builder options = StorageOptions.newBuilder();
        if (hasProject(gcp)) {
            options.setProjectId(gcp.project());
        }
        return options.build().getService();
    }

    @Bean
    @ConditionalOnProperty(name = "insights.warehouse.type", havingValue = "bigquery")
    @ConditionalOnMissingBean
    BigQuery bigQuery(GcpProperties gcp) {
        BigQueryOptions.Builder options = BigQueryOptions.newBuilder();
        if (hasProject(gcp)) {
            options.setProjectId(gcp.project());
        }
        return options.build().getService();
    }

    private static boolean hasProject(GcpProperties gcp) {
        return gcp.project() != null && !gcp.project().isBlank();
    }
}
