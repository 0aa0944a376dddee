/**
 * Error events: exceptions that escape an observed HTTP handler or a {@code @Traced} method,
 * uncaught exceptions and ERROR log lines with a throwable, sent to Sentry tagged with the
 * request ID, trace ID and span ID, scrubbed by the one redaction policy, and kept in memory for
 * tests. Adding {@code obs-errors} to the class path turns it on; {@code SENTRY_DSN} switches on
 * sending.
 *
 * <pre>{@code
 * List<CapturedError> recent = ObsErrors.recent();
 * }</pre>
 */
package dev.obs.errors;
