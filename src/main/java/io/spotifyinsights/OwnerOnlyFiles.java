package io.spotifyinsights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listening history is private: what the service keeps is readable by its own user only — folders 700, files 600.
 * The service's own writers create files that way; what libraries create inside the data directory (the warehouse's
 * database, the run history, Spark's Parquet) is tightened after the fact, and the data directory itself being 700
 * keeps everyone else out in between. On a file system without POSIX permissions nothing is changed.
 */
public final class OwnerOnlyFiles {

    private static final Logger log = LoggerFactory.getLogger(OwnerOnlyFiles.class);
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /** Creates a folder and its missing parents, each owner-only. */
    public static Path createDirectories(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return folder;
        }
        if (posix(folder.getFileSystem())) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
            // The umask may have taken bits off; set exactly what is meant.
            Files.setPosixFilePermissions(folder, FOLDER);
            return folder;
        }
        return Files.createDirectories(folder);
    }

    /** Creates an empty file only its owner can read, so its content is never readable by anyone else. */
    public static Path createFile(Path file) throws IOException {
        if (posix(file.getFileSystem())) {
            Path created = Files.createFile(file, ownerOnlyFile());
            Files.setPosixFilePermissions(created, FILE);
            return created;
        }
        return Files.createFile(file);
    }

    /** Makes one existing file or folder owner-only. */
    public static void restrict(Path path) throws IOException {
        if (posix(path.getFileSystem()) && !Files.isSymbolicLink(path)) {
            Files.setPosixFilePermissions(path, Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? FOLDER : FILE);
        }
    }

    /**
     * Makes every folder and file under {@code root} owner-only, following no links. Files that vanish meanwhile
     * (a database's journal) are skipped; a file that can't be changed is logged, not fatal.
     */
    public static void restrictTree(Path root) {
        restrictTree(root, null);
    }

    /**
     * The same, leaving out one folder the service writes owner-only itself, whose walk would only cost time (the
     * lake: a file per run, tens of thousands after a few years).
     */
    public static void restrictTree(Path root, Path leftOut) {
        if (!Files.isDirectory(root) || !posix(root.getFileSystem())) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    if (dir.equals(leftOut)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    tighten(dir, FOLDER);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (attributes.isRegularFile()) {
                        tighten(file, FILE);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make " + root + " readable by the service's user only", e);
        }
    }

    private static void tighten(Path path, Set<PosixFilePermission> wanted) {
        try {
            if (!Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(wanted)) {
                Files.setPosixFilePermissions(path, wanted);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // Gone meanwhile: nothing to protect.
        } catch (IOException e) {
            log.warn("Could not make {} readable by the service's user only: {}", path, e.getMessage());
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnlyFile() {
        return PosixFilePermissions.asFileAttribute(FILE);
    }

    private static boolean posix(FileSystem fileSystem) {
        return fileSystem.supportedFileAttributeViews().contains("posix");
    }
}
