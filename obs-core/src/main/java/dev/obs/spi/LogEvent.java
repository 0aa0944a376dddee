package dev.obs.spi;

import dev.obs.context.RequestContext;

/**
 * A log event as the logging module hands it to other modules (the errors module turns ERROR
 * events with a throwable into error events and keeps recent ones as breadcrumbs).
 *
 * @param epochMillis when it was logged
 * @param level       {@code TRACE}, {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}
 * @param logger      the logger's name
 * @param message     the formatted message, already redacted
 * @param throwable   the attached throwable, or {@code null}
 * @param context     the request context current when it was logged, or {@code null}
 */
public record LogEvent(long epochMillis, String level, String logger, String message, Throwable throwable,
                       RequestContext context) {
}
