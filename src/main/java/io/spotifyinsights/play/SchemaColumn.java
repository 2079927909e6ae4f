package io.spotifyinsights.play;

/**
 * One column of schema.json, in BigQuery's own schema format.
 *
 * @param mode {@code REQUIRED} or {@code NULLABLE}
 */
public record SchemaColumn(String name, ColumnType type, String mode, String description) {

    public boolean required() {
        return "REQUIRED".equals(mode);
    }
}
