package dev.obs.spi;

import java.util.Map;

/**
 * A recorded span that ended, as the tracing module hands it to listeners.
 *
 * @param traceId          32 hex digits
 * @param spanId           16 hex digits
 * @param parentSpanId     the parent's span ID, or {@code null} for a root span
 * @param name             e.g. {@code GET /orders/{id}} or {@code OrderService.placeOrder}
 * @param kind             {@code SERVER}, {@code CLIENT}, {@code INTERNAL}, {@code PRODUCER} or {@code CONSUMER}
 * @param startEpochNanos  when it started
 * @param endEpochNanos    when it ended
 * @param error            whether its status is error
 * @param attributes       its attributes as strings, redacted
 */
public record FinishedSpan(String traceId, String spanId, String parentSpanId, String name, String kind,
                           long startEpochNanos, long endEpochNanos, boolean error, Map<String, String> attributes) {
}
