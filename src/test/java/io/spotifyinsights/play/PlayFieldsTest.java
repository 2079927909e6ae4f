package io.spotifyinsights.play;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
}
