package dev.obs.errors.internal;

import dev.obs.errors.CapturedError;
import dev.obs.spi.LogEvent;
import dev.obs.spi.LogEventListener;

/**
 * The log bridge: keeps each request's log lines as breadcrumbs and reports ERROR lines that
 * carry a throwable. Runs on the logging thread, so it only appends to the request's bounded
 * buffer; the rare ERROR with a throwable does the reporting.
 */
final class LogEventBridge implements LogEventListener {

    private final ErrorReporter reporter;

    LogEventBridge(ErrorReporter reporter) {
        this.reporter = reporter;
    }

    @Override
    public void onLogEvent(LogEvent event) {
        if (event.context() != null) {
            RequestErrors request = event.context().get(RequestErrors.KEY);
            if (request != null) {
                request.addLogLine(new LogLine(event.epochMillis(), event.level(), event.logger(), event.message()));
            }
        }
        if (event.throwable() != null && "ERROR".equals(event.level())) {
            reporter.capture(event.throwable(), CapturedError.Source.LOG, event.context(), event.message(), event.logger());
        }
    }
}
