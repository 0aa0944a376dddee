package dev.obs.test.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.obs.logging.ObsJsonEncoder;
import dev.obs.test.CapturedLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

/**
 * Keeps the log lines of a test in memory, as obs writes them: each event goes through obs's own
 * {@link ObsJsonEncoder} (redaction included) and the line it produces is what is kept and read
 * back, so an assertion checks the bytes a log sink would get. It runs on the logging thread itself,
 * beside obs's own (asynchronous) appender, so a line is captured by the time the logging call
 * returns. Bounded: a test that logs in a loop cannot exhaust the heap; what is dropped is counted.
 */
public final class CapturingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** The appender's name on the root logger. */
    public static final String NAME = "obs-test-capture";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final ObsJsonEncoder encoder = new ObsJsonEncoder();
    private final int capacity;
    private final ArrayDeque<CapturedLog> lines;
    private long dropped;

    public CapturingAppender(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(Math.min(capacity, 1024));
        setName(NAME);
    }

    @Override
    public void start() {
        encoder.setContext(getContext());
        encoder.start();
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        encoder.stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
        byte[] bytes = encoder.encode(event);
        Map<String, Object> fields;
        try {
            fields = JSON.readValue(bytes, OBJECT);
        } catch (IOException e) {
            addError("obs wrote a log line that is not one JSON object: " + new String(bytes, StandardCharsets.UTF_8), e);
            return;
        }
        Map<String, Object> keyValues = new LinkedHashMap<>();
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                keyValues.put(pair.key, fields.get(fieldName(pair.key, fields)));
            }
        }
        Map<String, String> mdc = new LinkedHashMap<>();
        for (String key : event.getMDCPropertyMap().keySet()) {
            Object value = fields.get(fieldName(key, fields));
            if (value != null) {
                mdc.put(key, String.valueOf(value));
            }
        }
        CapturedLog line = new CapturedLog(Instant.parse((String) fields.get("@timestamp")),
                Level.valueOf((String) fields.get("level")), (String) fields.get("logger"), (String) fields.get("thread"),
                (String) fields.get("message"), keyValues, mdc, throwable(event.getThrowableProxy()));
        synchronized (lines) {
            if (lines.size() == capacity) {
                lines.removeFirst();
                dropped++;
            }
            lines.addLast(line);
        }
    }

    // A pair or MDC entry is written under its own name, or under "_" + its name when obs writes a
    // field of that name itself (so that addKeyValue("level", ...) cannot pass for the level).
    private static String fieldName(String key, Map<String, Object> fields) {
        return fields.containsKey("_" + key) ? "_" + key : key;
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

    private static Throwable throwable(IThrowableProxy proxy) {
        return proxy instanceof ThrowableProxy logback ? logback.getThrowable() : null;
    }
}
