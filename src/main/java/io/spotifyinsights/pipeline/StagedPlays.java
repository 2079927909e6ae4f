package io.spotifyinsights.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import io.spotifyinsights.OwnerOnlyFiles;
import io.spotifyinsights.lake.LakeKeys;

/**
 * Fetched plays waiting for the lake, each file at the path of the lake key it will have ({@code staging/plays/
 * dt=…/….csv}). A file stays here until the lake holds it, so plays of a run that failed before its upload — which
 * Spotify may no longer list by the next run — are landed by the next run instead of being lost.
 */
final class StagedPlays {

    /** Writes the file's content; the file only appears whole. */
    @FunctionalInterface
    interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private final Path root;

    StagedPlays(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path path(String lakeKey) {
        return root.resolve(lakeKey);
    }

    /** Writes a file for a lake key: first as {@code .partial}, so a crash mid-write never leaves half a file. */
    Path write(String lakeKey, Content content) throws IOException {
        Path file = path(lakeKey);
        OwnerOnlyFiles.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        OwnerOnlyFiles.createFile(partial);
        try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            content.writeTo(out);
        }
        return Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The lake keys of every whole file waiting here, oldest key first. */
    List<String> keys() {
        Path plays = root.resolve(LakeKeys.PLAYS);
        if (!Files.isDirectory(plays)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(plays)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .filter(LakeKeys::isPlays)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the plays waiting in " + plays, e);
        }
    }

    /** Removes the file of a key the lake now holds, and its day's folder once empty. */
    void delete(String lakeKey) throws IOException {
        Path file = path(lakeKey);
        Files.deleteIfExists(file);
        Path folder = file.getParent();
        if (folder != null && folder.startsWith(root.resolve(LakeKeys.PLAYS)) && !folder.equals(root.resolve(
                LakeKeys.PLAYS))) {
            try (Stream<Path> left = Files.list(folder)) {
                if (left.findAny().isEmpty()) {
                    Files.deleteIfExists(folder);
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // Already gone.
            }
        }
    }
}
