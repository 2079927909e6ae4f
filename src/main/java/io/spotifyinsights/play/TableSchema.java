package io.spotifyinsights.play;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The columns of a table the lake feeds, read from its schema file in BigQuery's own format: {@value #PLAYS} for
 * plays, {@value #EPISODES} for podcast episodes and audiobook chapters, {@value #TRACKS} for what is known of each
 * track — the one place each table's columns are listed. The files sit at the repository root (Terraform and people read them there) and are packaged at the root
 * of the classpath.
 *
 * @param resource the file the columns were read from, to name it in errors
 */
public record TableSchema(String resource, List<SchemaColumn> columns) {

    public static final String PLAYS = "schema.json";
    public static final String EPISODES = "episodes.schema.json";
    public static final String TRACKS = "tracks.schema.json";

    public TableSchema {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException(resource + " lists no columns");
        }
    }

    /** Columns that stand for schema.json's (tests that change them). */
    public TableSchema(List<SchemaColumn> columns) {
        this(PLAYS, columns);
    }

    /** schema.json as packaged with the service. */
    public static TableSchema load() {
        return load(PLAYS);
    }

    /** A schema file packaged with the service. */
    public static TableSchema load(String resource) {
        try (InputStream in = TableSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath; the build copies it from the "
                        + "repository root, so rebuild with ./mvnw");
            }
            return parse(resource, in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }

    public static TableSchema parse(InputStream json) {
        return parse(PLAYS, json);
    }

    public static TableSchema parse(String resource, InputStream json) {
        List<SchemaColumn> columns = JsonMapper.builder().build().readValue(json, new TypeReference<>() { });
        return new TableSchema(resource, columns);
    }

    public List<String> columnNames() {
        return columns.stream().map(SchemaColumn::name).toList();
    }
}
