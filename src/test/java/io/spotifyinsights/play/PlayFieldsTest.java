package io.spotifyinsights.play;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PlayFieldsTest {

    private final TableSchema schema = TableSchema.load();

    @Test
    void schemaJsonAndThePlayRecordAgreeOnEveryColumnAndType() {
        PlayFields fields = new PlayFields(schema);

        assertThat(fields.schema().columnNames()).hasSize(Play.class.getRecordComponents().length);
    }

    @Test
    void refusesASchemaColumnThePlayRecordDoesNotHave() {
        List<SchemaColumn> columns = new ArrayList<>(schema.columns());
        columns.add(new SchemaColumn("skipped", ColumnType.BOOLEAN, "NULLABLE", "added in schema.json only"));

        assertThatIllegalStateException()
                .isThrownBy(() -> new PlayFields(new TableSchema(columns)))
                .withMessageContaining("column 'skipped' has no Play component 'skipped'");
    }

    @Test
    void refusesAPlayComponentMissingFromTheSchema() {
        List<SchemaColumn> columns = new ArrayList<>(schema.columns());
        columns.removeIf(column -> column.name().equals("album_name"));

        assertThatIllegalStateException()
                .isThrownBy(() -> new PlayFields(new TableSchema(columns)))
                .withMessageContaining("Play component 'albumName' has no column in schema.json");
    }

    @Test
    void refusesAColumnWhoseTypeDiffersFromTheRecord() {
        List<SchemaColumn> columns = schema.columns().stream()
                .map(column -> column.name().equals("tempo")
                        ? new SchemaColumn("tempo", ColumnType.STRING, column.mode(), column.description())
                        : column)
                .toList();

        assertThatIllegalStateException()
                .isThrownBy(() -> new PlayFields(new TableSchema(columns)))
                .withMessageContaining("column 'tempo' is STRING but Play.tempo is Double");
    }

    @Test
    void readsBigQuerySchemaFormat() {
        String json = """
                [{"name": "track_name", "type": "STRING", "mode": "REQUIRED", "description": "d"}]
                """;

        TableSchema parsed = TableSchema.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(parsed.columns())
                .containsExactly(new SchemaColumn("track_name", ColumnType.STRING, "REQUIRED", "d"));
        assertThat(parsed.columns().get(0).required()).isTrue();
    }

    @Test
    void mapsSnakeCaseColumnsToCamelCaseComponents() {
        assertThat(PlayFields.componentName("time_signature")).isEqualTo("timeSignature");
        assertThat(PlayFields.componentName("upload_timestamp")).isEqualTo("uploadTimestamp");
        assertThat(PlayFields.componentName("key")).isEqualTo("key");
    }

    @Test
    void formatsTimestampsAsTheFormatterDoes() {
        // The hand-built text for the usual years, the formatter's for the rest: the same text either way.
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.999Z"),
                Instant.parse("1000-01-01T00:00:00Z"), Instant.parse("0999-12-31T23:59:59.999Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("2024-02-29T13:45:12.345678Z"), Instant.parse("-0001-06-01T12:00:00Z")));
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-40_000_000_000L, 260_000_000_000L),
                    random.nextInt(1_000_000_000)));
        }

        for (Instant instant : instants) {
            assertThat(PlayFields.formatTimestamp(instant)).as(instant.toString())
                    .isEqualTo(PlayFields.TIMESTAMP_FORMAT.format(instant));
        }
    }
}
