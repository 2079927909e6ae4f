package io.spotifyinsights.spotify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.spotifyinsights.OwnerOnlyFiles;

/**
 * The refresh token in one file, readable and writable by the owner only, replaced atomically so a crash or a full
 * disk never leaves half a token; beside it, {@code <file>.refused} when Spotify refused a token.
 */
public final class FileRefreshTokenStore implements RefreshTokenStore {

    private static final Logger log = LoggerFactory.getLogger(FileRefreshTokenStore.class);

    private final Path file;
    private final Path refusalFile;

    public FileRefreshTokenStore(Path file) {
        this.file = file;
        this.refusalFile = file.resolveSibling(file.getFileName() + ".refused");
    }

    @Override
    public synchronized Optional<String> load() {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the stored Spotify refresh token at " + file
                    + "; check that the service can read it", e);
        }
    }

    @Override
    public synchronized void save(String refreshToken) {
        write(file, refreshToken);
    }

    @Override
    public synchronized void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the stored Spotify refresh token at " + file
                    + "; delete it by hand", e);
        }
    }

    @Override
    public synchronized void recordRefusal(Refusal refusal) {
        write(refusalFile, String.join("\n", refusal.fingerprint(), refusal.since().toString(),
                refusal.message().replaceAll("\\s+", " ")));
    }

    @Override
    public synchronized Optional<Refusal> refusal() {
        try {
            if (!Files.exists(refusalFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(refusalFile, StandardCharsets.UTF_8);
            if (lines.size() < 3) {
                return Optional.empty();
            }
            return Optional.of(new Refusal(lines.get(0), Instant.parse(lines.get(1)), lines.get(2)));
        } catch (IOException | DateTimeParseException e) {
            log.warn("Could not read {} ({}); ignoring it", refusalFile, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public synchronized void clearRefusal() {
        try {
            Files.deleteIfExists(refusalFile);
        } catch (IOException e) {
            log.warn("Could not remove {} ({}); delete it by hand", refusalFile, e.getMessage());
        }
    }

    @Override
    public String location() {
        return file.toString();
    }

    public Path file() {
        return file;
    }

    /** Writes beside the target and renames over it; on failure the half-written file is removed, the target kept. */
    private static void write(Path target, String content) {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            OwnerOnlyFiles.createDirectories(target.toAbsolutePath().getParent());
            Files.deleteIfExists(temp);
            OwnerOnlyFiles.createFile(temp);
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // The disk refused the write; it may refuse the cleanup too. The target is untouched either way.
            }
            throw new UncheckedIOException("Could not write %s (%s). Free space on its disk or make its folder "
                    .formatted(target, e) + "writable.", e);
        }
    }
}
