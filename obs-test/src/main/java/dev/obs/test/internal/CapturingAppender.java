package dev.obs.test.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.obs.redact.Redactor;
import dev.obs.test.CapturedLog;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

/**
 * Keeps the log events of a test in memory. It runs on the logging thread itself, beside obs's own
 * (asynchronous) appender, so a line is captured by the time the logging call returns. Bounded: a
 * test that logs in a loop cannot exhaust the heap; what is dropped is counted.
 */
public final class CapturingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** The appender's name on the root logger. */
    public static final String NAME = "obs-test-capture";

    private final Redactor redactor;
    private final int capacity;
    private final ArrayDeque<CapturedLog> lines;
    private long dropped;

    public CapturingAppender(Redactor redactor, int capacity) {
        this.redactor = redactor;
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(Math.min(capacity, 1024));
        setName(NAME);
    }

    @Override
    protected void append(ILoggingEvent event) {
        CapturedLog line = new CapturedLog(event.getInstant(), Level.valueOf(event.getLevel().toString()), event.getLoggerName(),
                event.getThreadName(), redactor.redact(event.getFormattedMessage()), keyValues(event.getKeyValuePairs()),
                redactor.redact(event.getMDCPropertyMap() == null ? Map.of() : event.getMDCPropertyMap()),
                throwable(event.getThrowableProxy()));
        synchronized (lines) {
            if (lines.size() == capacity) {
                lines.removeFirst();
                dropped++;
            }
            lines.addLast(line);
        }
    }

    /** The lines captured, oldest first. */
    public List<CapturedLog> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** How many of the oldest lines were forgotten because more than the capacity were logged. */
    public long dropped() {
        synchronized (lines) {
            return dropped;
        }
    }

    public void clear() {
        synchronized (lines) {
            lines.clear();
            dropped = 0;
        }
    }

    private Map<String, Object> keyValues(List<KeyValuePair> pairs) {
        if (pairs == null || pairs.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (KeyValuePair pair : pairs) {
            out.put(pair.key, redact(pair.key, pair.value));
        }
        return out;
    }

    // The same rules as obs's JSON lines: numbers and booleans keep their type unless they hide
    // something sensitive; anything else is compared as the text the line would carry.
    private Object redact(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (redactor.isSensitiveKey(key)) {
            return Redactor.MASK;
        }
        if (value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number number) {
            String text = number.toString();
            return redactor.redact(text).equals(text) ? value : Redactor.MASK;
        }
        return redactor.redact(String.valueOf(value));
    }

    private static Throwable throwable(IThrowableProxy proxy) {
        return proxy instanceof ThrowableProxy logback ? logback.getThrowable() : null;
    }
}
