package dev.obs.errors.internal;

import dev.obs.context.RequestContext;
import dev.obs.errors.CapturedError;

/**
 * One sighting of an error at a capture point, before deduplication.
 *
 * @param error      what was thrown
 * @param source     the capture point
 * @param context    the context current where it was seen, or {@code null}
 * @param logMessage the redacted message of the ERROR log line it came with, or {@code null}
 * @param logger     that log line's logger, or {@code null}
 * @param thread     the thread it was seen on
 */
record Capture(Throwable error, CapturedError.Source source, RequestContext context, String logMessage, String logger,
               Thread thread) {
}
