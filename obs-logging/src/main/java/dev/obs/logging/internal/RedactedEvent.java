package dev.obs.logging.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import dev.obs.redact.Redactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.logstash.logback.argument.StructuredArgument;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A log event as it leaves the calling thread: everything an encoder reads is captured and the
 * message, MDC values, key-value pairs and exception messages are redacted. Immutable, so the
 * async appender's worker can encode it later without looking back at the calling thread.
 *
 * <p>Structured arguments and markers keep their objects: they are written field by field through
 * a redacting JSON generator at encoding time, since they can hold any shape of data.
 */
public final class RedactedEvent implements ILoggingEvent {

    private static final StackTraceElement[] NO_CALLER_DATA = new StackTraceElement[0];

    private final String threadName;
    private final Level level;
    private final String loggerName;
    private final LoggerContextVO loggerContext;
    private final String message;
    private final Object[] structuredArguments;
    private final IThrowableProxy throwable;
    private final List<Marker> markers;
    private final Map<String, String> mdc;
    private final List<KeyValuePair> keyValuePairs;
    private final Instant instant;
    private final long sequenceNumber;

    private RedactedEvent(ILoggingEvent event, Redactor redactor) {
        this.threadName = event.getThreadName();
        this.level = event.getLevel();
        this.loggerName = event.getLoggerName();
        this.loggerContext = event.getLoggerContextVO();
        this.message = redactor.redact(event.getFormattedMessage());
        this.structuredArguments = structuredOnly(event.getArgumentArray());
        this.throwable = RedactedThrowableProxy.of(event.getThrowableProxy(), redactor);
        this.markers = event.getMarkerList();
        this.mdc = redactMdc(event.getMDCPropertyMap(), redactor);
        this.keyValuePairs = redactPairs(event.getKeyValuePairs(), redactor);
        this.instant = event.getInstant();
        this.sequenceNumber = event.getSequenceNumber();
    }

    /** The event, captured and redacted; an event that already is one is returned as it is. */
    public static RedactedEvent of(ILoggingEvent event, Redactor redactor) {
        return event instanceof RedactedEvent redacted ? redacted : new RedactedEvent(event, redactor);
    }

    /** The throwable that was logged, unredacted, for modules that scrub it themselves; or null. */
    public Throwable throwable() {
        IThrowableProxy proxy = throwable instanceof RedactedThrowableProxy redacted ? redacted.unwrap() : throwable;
        return proxy instanceof ch.qos.logback.classic.spi.ThrowableProxy logback ? logback.getThrowable() : null;
    }

    // The message is already formatted; plain arguments are only raw, unredacted copies of what it
    // holds, so only structured arguments (which become fields) are kept.
    private static Object[] structuredOnly(Object[] arguments) {
        if (arguments == null) {
            return null;
        }
        int count = 0;
        for (Object argument : arguments) {
            if (argument instanceof StructuredArgument) {
                count++;
            }
        }
        if (count == 0) {
            return null;
        }
        Object[] out = new Object[count];
        int i = 0;
        for (Object argument : arguments) {
            if (argument instanceof StructuredArgument) {
                out[i++] = argument;
            }
        }
        return out;
    }

    // Logback hands out an immutable copy of the MDC; copy again only when a value changes.
    private static Map<String, String> redactMdc(Map<String, String> mdc, Redactor redactor) {
        if (mdc == null || mdc.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = null;
        for (Map.Entry<String, String> entry : mdc.entrySet()) {
            String value = entry.getValue();
            String redacted = redactor.redact(entry.getKey(), value);
            if (redacted != value) {
                if (copy == null) {
                    copy = new HashMap<>(mdc);
                }
                copy.put(entry.getKey(), redacted);
            }
        }
        return copy == null ? mdc : copy;
    }

    private static List<KeyValuePair> redactPairs(List<KeyValuePair> pairs, Redactor redactor) {
        if (pairs == null || pairs.isEmpty()) {
            return null;
        }
        List<KeyValuePair> out = new ArrayList<>(pairs.size());
        for (KeyValuePair pair : pairs) {
            out.add(new KeyValuePair(pair.key, redactValue(pair.key, pair.value, redactor)));
        }
        return out;
    }

    // Numbers and booleans stay typed; containers are written later through the redacting
    // generator; anything else becomes its string form now, on the calling thread, as SLF4J's own
    // formatting would, so that a mutable object is captured as it was when logged.
    private static Object redactValue(String key, Object value, Redactor redactor) {
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
            return redactor.redact(text) == text ? value : Redactor.MASK;
        }
        if (value instanceof Map || value instanceof Collection || value instanceof Object[]) {
            return value;
        }
        return redactor.redact(String.valueOf(value));
    }

    @Override
    public String getThreadName() {
        return threadName;
    }

    @Override
    public Level getLevel() {
        return level;
    }

    /** The redacted, formatted message (there is no separate pattern left to format). */
    @Override
    public String getMessage() {
        return message;
    }

    /** The structured arguments only; plain arguments are already in the message. */
    @Override
    public Object[] getArgumentArray() {
        return structuredArguments;
    }

    @Override
    public String getFormattedMessage() {
        return message;
    }

    @Override
    public String getLoggerName() {
        return loggerName;
    }

    @Override
    public LoggerContextVO getLoggerContextVO() {
        return loggerContext;
    }

    @Override
    public IThrowableProxy getThrowableProxy() {
        return throwable;
    }

    @Override
    public StackTraceElement[] getCallerData() {
        return NO_CALLER_DATA;
    }

    @Override
    public boolean hasCallerData() {
        return false;
    }

    @Override
    public List<Marker> getMarkerList() {
        return markers;
    }

    @Override
    public Map<String, String> getMDCPropertyMap() {
        return mdc;
    }

    /** @deprecated as in {@link ILoggingEvent}; use {@link #getMDCPropertyMap()}. */
    @Deprecated
    @Override
    public Map<String, String> getMdc() {
        return mdc;
    }

    @Override
    public long getTimeStamp() {
        return instant.toEpochMilli();
    }

    @Override
    public int getNanoseconds() {
        return instant.getNano();
    }

    @Override
    public Instant getInstant() {
        return instant;
    }

    @Override
    public long getSequenceNumber() {
        return sequenceNumber;
    }

    @Override
    public List<KeyValuePair> getKeyValuePairs() {
        return keyValuePairs;
    }

    @Override
    public void prepareForDeferredProcessing() {
        // captured at construction
    }

    @Override
    public String toString() {
        return "[" + level + "] " + message;
    }
}
