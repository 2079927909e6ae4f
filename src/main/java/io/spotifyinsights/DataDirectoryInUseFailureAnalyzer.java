package io.spotifyinsights;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says in two sentences why a second service on the same data directory does not start, without a stack trace. */
class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryLock.DataDirectoryInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryLock.DataDirectoryInUseException cause) {
        return new FailureAnalysis(cause.getMessage() + ". Only one service may use a data directory: its run "
                + "history, warehouse and Spotify token allow one writer.",
                "Stop the other service, or start this one with its own data directory (INSIGHTS_DATA_DIR=/path).",
                cause);
    }
}
