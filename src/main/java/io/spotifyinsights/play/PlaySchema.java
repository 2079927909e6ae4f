package io.spotifyinsights.play;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The columns of a play, read from schema.json: the one place they are listed. The file sits at the repository
 * root and is packaged at the root of the classpath.
 */
public record PlaySchema(List<SchemaColumn> columns) {

    public static final String RESOURCE = "schema.json";

    public PlaySchema {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("schema.json lists no columns");
        }
    }

    /** The schema packaged with the service. */
    public static PlaySchema load() {
        try (InputStream in = PlaySchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath; the build copies it from the "
                        + "repository root, so rebuild with ./mvnw");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }

    public static PlaySchema parse(InputStream json) {
        List<SchemaColumn> columns = JsonMapper.builder().build().readValue(json, new TypeReference<>() { });
        return new PlaySchema(columns);
    }

    public List<String> columnNames() {
        return columns.stream().map(SchemaColumn::name).toList();
    }
}
