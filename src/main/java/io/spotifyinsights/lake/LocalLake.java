package io.spotifyinsights.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import io.spotifyinsights.OwnerOnlyFiles;

/** The lake as a folder: each key is a file under the root. */
public final class LocalLake implements Lake {

    /** The lake's folder in the data directory. */
    public static final String FOLDER = "lake";

    /** What the write probe writes: a block, so a disk too full for a run's file fails it too. */
    private static final int PROBE_BYTES = 4096;

    private final Path root;

    public LocalLake(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, Path file) {
        Path target = resolve(key);
        try {
            if (Files.exists(target)) {
                if (Files.mismatch(target, file) == -1) {
                    return;
                }
                throw new LakeConflictException(("The lake already holds %s with other content; raw files are never "
                        + "overwritten. Move the existing file away if it is wrong, then restart the run.").formatted(key));
            }
            OwnerOnlyFiles.createDirectories(target.getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            Files.deleteIfExists(partial);
            OwnerOnlyFiles.createFile(partial);
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not put %s into the lake at %s: %s. Check that the folder exists "
                    .formatted(key, root, e) + "and the service can write to it (insights.data-dir).", e);
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return Files.newInputStream(resolve(key));
        } catch (NoSuchFileException e) {
            throw new LakeObjectNotFoundException("The lake at %s has no object %s".formatted(root, key));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read %s from the lake at %s".formatted(key, root), e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public List<String> list(String prefix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(path -> root.relativize(path).toString().replace('\\', '/'))
                    .filter(key -> key.startsWith(prefix) && !key.endsWith(".partial")
                            && !key.substring(key.lastIndexOf('/') + 1).startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the lake at " + root, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete %s from the lake at %s".formatted(key, root), e);
        }
    }

    @Override
    public URI uri(String key) {
        return key.isEmpty() ? root.toUri() : resolve(key).toUri();
    }

    /** Writes and removes a small file in {@code plays/}, where runs write, so a full disk shows here too. */
    @Override
    public void checkWritable() {
        Path plays = root.resolve(LakeKeys.PLAYS);
        try {
            OwnerOnlyFiles.createDirectories(plays);
            Path probe = Files.createTempFile(plays, ".probe", ".tmp");
            try {
                Files.write(probe, new byte[PROBE_BYTES]);
            } finally {
                Files.delete(probe);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(("The lake folder %s is not writable (%s). Free space on its disk, or "
                    + "give the service write access there (insights.data-dir).").formatted(plays, e), e);
        }
    }

    private Path resolve(String key) {
        if (key == null || key.isBlank() || key.startsWith("/") || key.contains("\\")) {
            throw new IllegalArgumentException("'" + key + "' is not a lake key: use a relative path such as "
                    + "plays/dt=2026-03-01/run-1.csv");
        }
        Path resolved = root.resolve(key).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new IllegalArgumentException("'" + key + "' points outside the lake");
        }
        return resolved;
    }
}
