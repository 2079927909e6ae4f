package io.spotifyinsights.lake;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.spotifyinsights.OwnerOnlyFiles;
import io.spotifyinsights.play.SchemaCsvWriter;
import io.spotifyinsights.play.SchemaFields;

/**
 * Puts rows (plays, episodes, tracks) into the lake as one CSV object, through a file of the service's own that is
 * removed afterwards.
 */
public final class CsvToLake {

    private CsvToLake() {
    }

    /** @param file where the CSV is written first (replaced if there); gone when this returns */
    public static <T extends Record> void put(Lake lake, String key, List<T> rows, SchemaFields<T> fields, Path file)
            throws IOException {
        OwnerOnlyFiles.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        OwnerOnlyFiles.createFile(file);
        try {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                    var writer = new SchemaCsvWriter<>(fields, out)) {
                for (T row : rows) {
                    writer.write(row);
                }
            }
            lake.put(key, file);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
