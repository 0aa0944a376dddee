package dev.obs.test;

import java.time.Instant;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * One log line captured during a test, read back from the JSON line obs's encoder wrote for it:
 * message, MDC values and key-value pairs as a log sink gets them, redaction included.
 *
 * <pre>{@code
 * CapturedLog line = capture.logs().get(0);
 * assertThat(line.level()).isEqualTo(Level.WARN);
 * assertThat(line.field("order_id")).isEqualTo(42);
 * assertThat(line.requestId()).isEqualTo(response.requestId());
 * }</pre>
 *
 * @param time      when it was logged
 * @param level     its level
 * @param logger    the logger's name
 * @param thread    the name of the thread that logged it
 * @param message   the formatted message, redacted
 * @param keyValues the SLF4J 2 key-value pairs ({@code log.atWarn().addKeyValue("order_id", 42)}), in order, as
 *                  written: numbers and booleans as JSON numbers and booleans, objects as maps and lists
 * @param mdc       the MDC when it was logged (obs keeps {@code request_id}, {@code trace_id} and {@code span_id} there)
 * @param throwable the exception logged with it, or {@code null}
 */
public record CapturedLog(Instant time, Level level, String logger, String thread, String message,
                          Map<String, Object> keyValues, Map<String, String> mdc, Throwable throwable) {

    /** The MDC key of the request ID. */
    public static final String REQUEST_ID = "request_id";
    /** The MDC key of the trace ID. */
    public static final String TRACE_ID = "trace_id";
    /** The MDC key of the span ID. */
    public static final String SPAN_ID = "span_id";

    public CapturedLog {
        keyValues = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keyValues));
        mdc = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mdc));
    }

    /** The request ID this line was logged under, or {@code null} outside a request. */
    public String requestId() {
        return mdc.get(REQUEST_ID);
    }

    /** The trace ID this line carries, or {@code null}. */
    public String traceId() {
        return mdc.get(TRACE_ID);
    }

    /** The span ID this line carries, or {@code null}. */
    public String spanId() {
        return mdc.get(SPAN_ID);
    }

    /**
     * The value of a field of the JSON line: a key-value pair if the call added one, else the MDC
     * value; {@code null} when the line has no such field.
     */
    public Object field(String key) {
        Object value = keyValues.get(key);
        return value != null || keyValues.containsKey(key) ? value : mdc.get(key);
    }

    /** Whether the line has the field {@code key} (key-value pair or MDC). */
    public boolean hasField(String key) {
        return keyValues.containsKey(key) || mdc.containsKey(key);
    }
}
