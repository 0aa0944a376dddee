package dev.obs.spi;

/**
 * A log line as the logging module wrote it.
 *
 * @param epochMillis when it was logged
 * @param level       {@code TRACE} to {@code ERROR}
 * @param requestId   the request ID on the line, or {@code null}
 * @param traceId     the trace ID on the line, or {@code null}
 * @param json        the encoded line, one JSON object without the line separator, already redacted
 */
public record LogLine(long epochMillis, String level, String requestId, String traceId, String json) {
}
