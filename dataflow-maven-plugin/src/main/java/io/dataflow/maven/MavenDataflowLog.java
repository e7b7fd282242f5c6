package io.dataflow.maven;

import io.dataflow.core.DataflowLog;
import org.apache.maven.plugin.logging.Log;

/** The engine's log, written to Maven's. */
final class MavenDataflowLog implements DataflowLog {

    private final Log log;

    MavenDataflowLog(Log log) {
        this.log = log;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }
}
