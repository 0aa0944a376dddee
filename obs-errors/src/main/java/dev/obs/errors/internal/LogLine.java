package dev.obs.errors.internal;

/** A log line kept as a breadcrumb of its request; the message is already redacted by the logging module. */
record LogLine(long epochMillis, String level, String logger, String message) {
}
