package io.spotifyinsights.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.util.FileSystemUtils;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.spotifyinsights.OwnerOnlyFiles;

/**
 * Each import's folder in the data directory, {@code imports/<id>/}: what was handed in ({@code upload/} and a list
 * of it), the unpacked files, the chunk files on their way to the lake. Readable by the service's user only, and
 * removed once the import completed — the plays are in the lake by then.
 */
final class ImportFolders {

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final String MANIFEST = "uploads.json";

    private final Path root;

    ImportFolders(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            // Where uploads are spooled while they arrive (spring.servlet.multipart.location).
            OwnerOnlyFiles.createDirectories(this.root.resolve("incoming"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + this.root.resolve("incoming"), e);
        }
    }

    Path root() {
        return root;
    }

    Path dir(String importId) {
        if (!importId.matches("[a-z0-9]{1,40}")) {
            throw new IllegalArgumentException("Not an import id: " + importId);
        }
        return root.resolve(importId);
    }

    /** Creates the folder of a new import and its {@code upload/} folder. */
    Path create(String importId) throws IOException {
        Path dir = dir(importId);
        OwnerOnlyFiles.createDirectories(dir.resolve("upload"));
        return dir;
    }

    /** Records what an import is to read: files in its {@code upload/} folder, or paths given on the command line. */
    void recordUploads(String importId, List<ExportUnpacker.Upload> uploads) throws IOException {
        List<Entry> entries = uploads.stream()
                .map(upload -> new Entry(upload.name(), upload.path().toAbsolutePath().toString())).toList();
        Path manifest = dir(importId).resolve(MANIFEST);
        OwnerOnlyFiles.createFile(manifest);
        Files.writeString(manifest, JSON.writeValueAsString(entries));
    }

    List<ExportUnpacker.Upload> uploads(String importId) {
        Path manifest = dir(importId).resolve(MANIFEST);
        try {
            List<Entry> entries = JSON.readValue(Files.readString(manifest), new TypeReference<List<Entry>>() { });
            return entries.stream().map(entry -> new ExportUnpacker.Upload(entry.name(), Path.of(entry.path())))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(("The files of import %s are gone (%s). Start the import again with the "
                    + "export.").formatted(importId, manifest), e);
        }
    }

    void remove(String importId) {
        try {
            FileSystemUtils.deleteRecursively(dir(importId));
        } catch (IOException e) {
            // Removed at the next start.
        }
    }

    private record Entry(String name, String path) {
    }

    static String toJson(List<ExportFile> files) {
        return JSON.writeValueAsString(files);
    }

    static List<ExportFile> filesFromJson(String json) {
        return JSON.readValue(json, new TypeReference<List<ExportFile>>() { });
    }
}
