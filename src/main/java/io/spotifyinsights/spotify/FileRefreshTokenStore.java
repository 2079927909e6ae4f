package io.spotifyinsights.spotify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The refresh token in one file, readable and writable by the owner only, replaced atomically so a crash never
 * leaves half a token.
 */
public final class FileRefreshTokenStore implements RefreshTokenStore {

    private final Path file;

    public FileRefreshTokenStore(Path file) {
        this.file = file;
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
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temp);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(temp);
            }
            Files.writeString(temp, refreshToken, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the Spotify refresh token at " + file
                    + "; check that the data directory is writable", e);
        }
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

    public Path file() {
        return file;
    }
}
