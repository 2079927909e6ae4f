package io.spotifyinsights.toptracks;

import java.util.function.Supplier;

import org.apache.spark.sql.SparkSession;

/**
 * The top-ten job's Spark session, made on first use — so the service starts without paying for Spark — and made
 * again when the one it had was stopped (a driver that lost its context, or a session shared in one JVM that
 * someone else stopped). Stopped with the service.
 */
public final class SparkSessionProvider implements Supplier<SparkSession>, AutoCloseable {

    private final SparkProperties properties;
    private SparkSession session;

    public SparkSessionProvider(SparkProperties properties) {
        this.properties = properties;
    }

    @Override
    public synchronized SparkSession get() {
        if (session == null || session.sparkContext().isStopped()) {
            session = SparkSessions.create(properties);
        }
        return session;
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.stop();
            session = null;
        }
    }
}
