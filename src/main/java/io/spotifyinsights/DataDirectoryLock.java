package io.spotifyinsights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Claims the data directory before anything opens a file in it: one service per data directory, since the run
 * history, the warehouse and the stored token each allow one writer. A second service on the same folder stops at
 * once with a message that says so (see {@link DataDirectoryInUseFailureAnalyzer}), instead of one of the databases
 * failing later with its own words. The folder is made owner-only while at it, files left by older versions too.
 */
final class DataDirectoryLock implements BeanFactoryPostProcessor, EnvironmentAware, DisposableBean, Ordered {

    static final String LOCK_FILE = ".lock";

    private Environment environment;
    private Path dataDir;
    private FileChannel channel;
    private FileLock lock;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // Runs before any bean is made; the binder isn't there yet, the (already absolute) setting is.
        claim(Path.of(environment.getProperty(DataDirectoryEnvironmentPostProcessor.PROPERTY, "./data")));
    }

    void claim(Path dataDir) {
        this.dataDir = dataDir;
        try {
            OwnerOnlyFiles.createDirectories(dataDir);
            Path lockFile = dataDir.resolve(LOCK_FILE);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new DataDirectoryInUseException(dataDir, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(("Could not claim the data directory %s (%s). Create it and let the "
                    + "service's user write there, or set INSIGHTS_DATA_DIR to a folder it can.")
                    .formatted(dataDir, e.getMessage()), e);
        }
        OwnerOnlyFiles.restrictTree(dataDir);
    }

    /** Runs last at shutdown, after the databases closed: what they left behind is made owner-only too. */
    @Override
    public void destroy() throws IOException {
        if (lock != null) {
            OwnerOnlyFiles.restrictTree(dataDir);
            lock.release();
            channel.close();
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Another running service holds the data directory. */
    static final class DataDirectoryInUseException extends IllegalStateException {

        final Path dataDir;
        final String holder;

        DataDirectoryInUseException(Path dataDir, String holder) {
            super("The data directory %s is in use by another Spotify Insights service%s".formatted(dataDir,
                    holder.isEmpty() ? "" : " (process " + holder + ")"));
            this.dataDir = dataDir;
            this.holder = holder;
        }
    }
}
