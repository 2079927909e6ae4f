package io.spotifyinsights.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.springframework.util.unit.DataSize;

import io.spotifyinsights.OwnerOnlyFiles;

/**
 * Turns what was handed in — the zip as Spotify sends it, a folder, single JSON files — into the history files an
 * import reads, each checked whole before anything of it is stored. Hostile input is refused file by file with a
 * reason, and nothing is ever written outside the import's own folder: entries are unpacked under a name of the
 * service's choosing, never the path the zip gives.
 */
final class ExportUnpacker {

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ZIP = {'P', 'K', 5, 6};
    /** Small files compress far better than a ratio says; the ratio applies past this size. */
    private static final long RATIO_GRACE = 1 << 20;

    private final DataSize maxUncompressed;
    private final int maxRatio;
    private final Path filesDir;
    private long unpacked;
    private int fileNumber;
    /** Where {@link #unpack} checks files, one per core. */
    private ExecutorService checks;

    ExportUnpacker(Path filesDir, DataSize maxUncompressed, int maxRatio) {
        this.filesDir = filesDir;
        this.maxUncompressed = maxUncompressed;
        this.maxRatio = maxRatio;
    }

    /**
     * Every file found in the uploads, in order, with what becomes of it. The files are checked (read whole) on
     * as many threads as there are cores: the check is a full JSON pass, files are independent, and nothing else runs
     * while an import unpacks.
     */
    List<ExportFile> unpack(List<Upload> uploads) throws IOException {
        OwnerOnlyFiles.createDirectories(filesDir);
        checks = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), task -> {
            Thread thread = new Thread(task, "export-check");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<ExportFile> files = new ArrayList<>();
            for (Future<ExportFile> file : found(uploads)) {
                files.add(result(file));
            }
            return files;
        } finally {
            checks.shutdownNow();
        }
    }

    private List<Future<ExportFile>> found(List<Upload> uploads) throws IOException {
        List<Future<ExportFile>> files = new ArrayList<>();
        for (Upload upload : uploads) {
            if (Files.isDirectory(upload.path(), LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> walk = Files.walk(upload.path())) {
                    for (Path file : walk.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                            .sorted().toList()) {
                        files.addAll(unpackOne(new Upload(upload.name() + "/"
                                + upload.path().relativize(file).toString().replace('\\', '/'), file)));
                    }
                }
            } else {
                files.addAll(unpackOne(upload));
            }
        }
        return files;
    }

    /** A file handed in: its name as the person knows it, and where it is. */
    record Upload(String name, Path path) {
    }

    private List<Future<ExportFile>> unpackOne(Upload upload) throws IOException {
        byte[] head = head(upload.path());
        if (Arrays.equals(head, EMPTY_ZIP)) {
            return List.of(failed(upload.name(), "%s is an empty zip: it holds no files. Upload the zip "
                    .formatted(upload.name()) + "Spotify sent (my_spotify_data.zip)."));
        }
        if (Arrays.equals(head, ZIP)) {
            return unzip(upload);
        }
        if (upload.name().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            return List.of(failed(upload.name(), ("%s is not a zip (it does not start like one). "
                    + "Download the export again from Spotify's privacy page.").formatted(upload.name())));
        }
        Path copy = nextFile(baseName(upload.name()));
        keep(upload.path(), copy);
        return List.of(check(upload.name(), copy));
    }

    private List<Future<ExportFile>> unzip(Upload upload) throws IOException {
        List<Future<ExportFile>> files = new ArrayList<>();
        try (ZipFile zip = new ZipFile(upload.path().toFile())) {
            if (zip.size() == 0) {
                return List.of(failed(upload.name(), "%s is an empty zip: it holds no files."
                        .formatted(upload.name())));
            }
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = upload.name() + "!" + printable(entry.getName());
                if (entry.isDirectory()) {
                    continue;
                }
                String refusal = refusedName(entry.getName());
                if (refusal != null) {
                    files.add(failed(name, "%s: %s; refused, nothing of it was unpacked.".formatted(name,
                            refusal)));
                    continue;
                }
                String base = baseName(entry.getName());
                String lower = base.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".zip") || lower.endsWith(".jar")) {
                    files.add(nestedZip(name));
                    continue;
                }
                if (ExportKind.byFileName(base) == null) {
                    // The PDF, Userdata.json, Playlist1.json, …: the rest of the privacy export.
                    files.add(skipped(name, "not a streaming history file"));
                    continue;
                }
                Path target = nextFile(base);
                try (InputStream in = zip.getInputStream(entry)) {
                    String tooBig = copyCapped(in, target, entry);
                    if (tooBig != null) {
                        Files.deleteIfExists(target);
                        files.add(failed(name, "%s %s; refused as a possible zip bomb, nothing of it was "
                                .formatted(name, tooBig) + "imported."));
                        if (unpacked > maxUncompressed.toBytes()) {
                            files.add(failed(upload.name(), ("%s unpacks to more than %s "
                                    + "(insights.import.max-uncompressed-size); the rest of it was not unpacked.")
                                    .formatted(upload.name(), maxUncompressed)));
                            break;
                        }
                        continue;
                    }
                } catch (ZipException e) {
                    Files.deleteIfExists(target);
                    files.add(failed(name, "%s can't be unpacked (%s); the zip is damaged. Download it "
                            .formatted(name, e.getMessage()) + "again."));
                    continue;
                }
                if (Arrays.equals(head(target), ZIP)) {
                    Files.deleteIfExists(target);
                    files.add(nestedZip(name));
                    continue;
                }
                files.add(check(name, target));
            }
        } catch (ZipException e) {
            return List.of(failed(upload.name(), ("%s can't be read as a zip (%s). Download the export "
                    + "again from Spotify's privacy page.").formatted(upload.name(), e.getMessage())));
        }
        return files;
    }

    /**
     * Keeps a file handed in for the import to read, however long it takes and whatever becomes of the original: a
     * hard link where the file system allows (no time, no space), else a copy. An uploaded file is linked, so it is
     * not written twice.
     */
    private static void keep(Path original, Path kept) throws IOException {
        try {
            // The link is the person's own file: its permissions stay theirs (the import's folder is owner-only).
            Files.createLink(kept, original);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(original, kept);
            OwnerOnlyFiles.restrict(kept);
        }
    }

    private static Future<ExportFile> nestedZip(String name) {
        return failed(name, ("%s is a zip inside the zip; it is not unpacked. Unpack it yourself and upload "
                + "the files it holds.").formatted(name));
    }

    /** Copies at most what the caps allow; the reason when an entry passes them, else null. */
    private String copyCapped(InputStream in, Path target, ZipEntry entry) throws IOException {
        long packed = Math.max(entry.getCompressedSize(), 1);
        long entryLimit = Math.max(packed * maxRatio, RATIO_GRACE);
        long written = 0;
        OwnerOnlyFiles.createFile(target);
        try (OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                written += read;
                unpacked += read;
                if (unpacked > maxUncompressed.toBytes()) {
                    return "would take the unpacked size past %s (insights.import.max-uncompressed-size)"
                            .formatted(maxUncompressed);
                }
                if (written > entryLimit) {
                    return "unpacks to more than %d times its packed size (insights.import.max-compression-ratio)"
                            .formatted(maxRatio);
                }
                out.write(buffer, 0, read);
            }
        }
        return null;
    }

    private static Future<ExportFile> failed(String name, String why) {
        return CompletableFuture.completedFuture(ExportFile.failed(name, why));
    }

    private static Future<ExportFile> skipped(String name, String why) {
        return CompletableFuture.completedFuture(ExportFile.skipped(name, why));
    }

    /** The file's check, started on one of {@link #checks}' threads. */
    private Future<ExportFile> check(String name, Path file) {
        return checks.submit(() -> checkNow(name, file));
    }

    /** What a check found; a check that could not finish fails the unpacking as it would have done in line. */
    private static ExportFile result(Future<ExportFile> file) throws IOException {
        try {
            return file.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while checking the export's files", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Reads a file whole, so a file that is not what it seems is refused before anything of it is stored. */
    private ExportFile checkNow(String name, Path file) throws IOException {
        String base = baseName(name);
        ExportKind kind = ExportKind.byFileName(base);
        if (kind == null) {
            kind = ExportJson.sniff(file);
        }
        if (kind == null) {
            Files.deleteIfExists(file);
            return ExportFile.failed(name, ("%s is not one of Spotify's streaming history files "
                    + "(Streaming_History_Audio_*.json, endsong_*.json, StreamingHistory_music_*.json, "
                    + "StreamingHistory_podcast_*.json), and its content is none of them either.").formatted(name));
        }
        try {
            ExportJson.Scan scan = ExportJson.scan(file, name, kind);
            return new ExportFile(name, filesDir.getParent().relativize(file).toString(), kind,
                    ExportFile.Status.READY, scan.records(), scan.from(), scan.to(), null);
        } catch (ExportFormatException e) {
            Files.deleteIfExists(file);
            return ExportFile.failed(name, e.getMessage());
        }
    }

    /** Why an entry's name is refused, or null: names that climb out of the folder or are absolute. */
    static String refusedName(String name) {
        String normalized = name.replace('\\', '/');
        if (normalized.startsWith("/") || normalized.matches("^[A-Za-z]:.*")) {
            return "its name is an absolute path";
        }
        for (String part : normalized.split("/")) {
            if (part.equals("..")) {
                return "its name climbs out of the zip ('..')";
            }
        }
        if (name.chars().anyMatch(ch -> ch < 0x20)) {
            return "its name holds control characters";
        }
        return null;
    }

    private Path nextFile(String base) {
        String safe = base.replaceAll("[^A-Za-z0-9._-]", "_");
        return filesDir.resolve("%04d-%s".formatted(fileNumber++, safe.isEmpty() ? "file" : safe));
    }

    private static String baseName(String name) {
        String normalized = name.replace('\\', '/');
        int bang = normalized.lastIndexOf('!');
        normalized = bang >= 0 ? normalized.substring(bang + 1) : normalized;
        return normalized.substring(normalized.lastIndexOf('/') + 1);
    }

    private static String printable(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(4);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file.getFileName(), e);
        }
    }
}
