package io.spotifyinsights.toptracks;

import java.util.Map;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the top-ten job's Spark session is made.
 *
 * @param master             {@code local[*]} (in the service's JVM) or {@code spark://host:7077} (a standalone cluster)
 * @param shufflePartitions  Spark's default of 200 is slow for a listener's history; a few suffice
 * @param driverHost         the address executors reach the service at; loopback unless on a cluster
 * @param jars               comma-separated jars executors need (the BigQuery connector on a cluster)
 * @param conf               any other Spark setting, e.g. {@code spark.executor.memory}
 */
@Validated
@ConfigurationProperties("insights.spark")
public record SparkProperties(
        @NotBlank @DefaultValue("local[*]") String master,
        @NotBlank @DefaultValue("spotify-insights") String appName,
        @Min(1) @DefaultValue("4") int shufflePartitions,
        @DefaultValue("false") boolean uiEnabled,
        @NotBlank @DefaultValue("127.0.0.1") String driverHost,
        @DefaultValue("") String jars,
        @DefaultValue Map<String, String> conf) {
}
