package io.spotifyinsights.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.spotifyinsights.lake.GcsLake;
import io.spotifyinsights.lake.Lake;
import io.spotifyinsights.toptracks.BigQueryTopTracksTables;
import io.spotifyinsights.toptracks.TopTracksTables;

/**
 * The Google Cloud path is configuration only: with the lake and warehouse types switched, the same job and steps
 * run on GcsLake and BigQueryWarehouse. Google's clients point at the in-memory Storage and the loopback BigQuery,
 * so nothing here looks for credentials or leaves 127.0.0.1.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class GoogleCloudSwitchTests {

    static final LoopbackBigQuery BIGQUERY;

    static {
        try {
            BIGQUERY = new LoopbackBigQuery();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void googleCloud(DynamicPropertyRegistry registry) throws IOException {
        String dataDir = Files.createTempDirectory("insights-gcp-switch").toString();
        registry.add("insights.data-dir", () -> dataDir);
        registry.add("insights.lake.type", () -> "gcs");
        registry.add("insights.lake.gcs.bucket", () -> "insights-lake");
        registry.add("insights.warehouse.type", () -> "bigquery");
        registry.add("insights.warehouse.bigquery.dataset", () -> "insights");
        registry.add("insights.schedule.enabled", () -> "false");
    }

    @TestConfiguration
    static class GoogleClientsOnLoopback {

        @Bean
        Storage inMemoryStorage() {
            return LocalStorageHelper.customOptions(false).getService();
        }

        @Bean
        BigQuery loopbackBigQuery() {
            return BIGQUERY.client();
        }
    }

    @Autowired
    ApplicationContext context;

    @AfterAll
    static void stop() throws IOException {
        BIGQUERY.close();
    }

    @Test
    void switchingTheTypesWiresTheGoogleCloudAdaptersUnderTheSameJob() {
        assertThat(context.getBean(Lake.class)).isInstanceOf(GcsLake.class);
        assertThat(context.getBean(Warehouse.class)).isInstanceOf(BigQueryWarehouse.class);
        assertThat(context.getBean(TopTracksTables.class)).isInstanceOf(BigQueryTopTracksTables.class);
        assertThat(context.getBeansOfType(DuckDbWarehouse.class)).isEmpty();
        assertThat(context.getBean("spotifyPipelineJob", Job.class).getName()).isEqualTo("spotifyPipelineJob");
        assertThat(((BigQueryTopTracksTables) context.getBean(TopTracksTables.class)).table("plays"))
                .isEqualTo(LoopbackBigQuery.PROJECT + ".insights.plays");
    }

    @Test
    void theWarehouseHealthAsksBigQueryForThePlaysTable() {
        context.getBean(Warehouse.class).checkReachable();

        assertThat(BIGQUERY.requests).anyMatch(request -> request.method().equals("GET")
                && request.path().endsWith("/datasets/insights/tables/plays"));
    }
}
