package dev.obs.spi;

/**
 * Receives log events at INFO and above on the logging thread. Called for every such event: keep
 * it cheap and never block.
 */
@FunctionalInterface
public interface LogEventListener {

    void onLogEvent(LogEvent event);
}
