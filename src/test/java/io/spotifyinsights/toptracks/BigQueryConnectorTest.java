package io.spotifyinsights.toptracks;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.execution.datasources.DataSource;
import org.junit.jupiter.api.Test;

class BigQueryConnectorTest {

    @Test
    void sparkFindsTheBigQueryDataSourceTheGoogleCloudPathWritesThrough() {
        Class<?> source = DataSource.lookupDataSource(BigQueryTopTracksTables.FORMAT,
                LocalSpark.session().sessionState().conf());

        assertThat(source.getName()).contains("bigquery");
    }
}
