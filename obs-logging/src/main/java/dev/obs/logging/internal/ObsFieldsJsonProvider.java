package dev.obs.logging.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.obs.ServiceInfo;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.logstash.logback.argument.StructuredArgument;
import net.logstash.logback.composite.AbstractJsonProvider;
import net.logstash.logback.marker.LogstashMarker;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * Writes every field of an obs log line between {@code @timestamp} and {@code stack_trace}, in the
 * documented order: {@code level}, {@code logger}, {@code thread}, {@code message}, {@code service},
 * {@code env}, {@code version}, {@code request_id}, {@code trace_id}, {@code span_id}, the other
 * MDC entries, the key-value pairs, then logstash markers and structured arguments.
 *
 * <p>Expects a {@link RedactedEvent}: its strings are already redacted. Data of arbitrary shape
 * (markers, structured arguments, container values) goes through a {@link RedactingJsonGenerator}.
 */
public final class ObsFieldsJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        LoggingRuntime.State runtime = LoggingRuntime.state();
        generator.writeStringField(LogFields.LEVEL, event.getLevel().levelStr);
        generator.writeStringField(LogFields.LOGGER, event.getLoggerName());
        generator.writeStringField(LogFields.THREAD, event.getThreadName());
        generator.writeStringField(LogFields.MESSAGE, event.getFormattedMessage());
        ServiceInfo service = runtime.service();
        if (service != null) {
            generator.writeStringField(LogFields.SERVICE, service.name());
            generator.writeStringField(LogFields.ENV, service.environment());
            generator.writeStringField(LogFields.VERSION, service.version());
        }
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (!mdc.isEmpty()) {
            writeIfPresent(generator, LogFields.REQUEST_ID, mdc.get(LogFields.REQUEST_ID));
            writeIfPresent(generator, LogFields.TRACE_ID, mdc.get(LogFields.TRACE_ID));
            writeIfPresent(generator, LogFields.SPAN_ID, mdc.get(LogFields.SPAN_ID));
            if (mdc.size() > countIds(mdc)) {
                for (Map.Entry<String, String> entry : mdc.entrySet()) {
                    String key = entry.getKey();
                    if (!key.equals(LogFields.REQUEST_ID) && !key.equals(LogFields.TRACE_ID) && !key.equals(LogFields.SPAN_ID)
                            && entry.getValue() != null) {
                        generator.writeStringField(LogFields.userFieldName(key), entry.getValue());
                    }
                }
            }
        }
        RedactingJsonGenerator redacting = null;
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                Object value = pair.value;
                if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
                    generator.writeFieldName(LogFields.userFieldName(pair.key));
                    writeScalar(generator, value);
                } else {
                    redacting = redacting != null ? redacting : new RedactingJsonGenerator(generator, runtime.redactor());
                    redacting.writeFieldName(pair.key);
                    redacting.writeObject(value);
                }
            }
        }
        List<Marker> markers = event.getMarkerList();
        if (markers != null) {
            for (Marker marker : markers) {
                redacting = redacting != null ? redacting : new RedactingJsonGenerator(generator, runtime.redactor());
                writeMarker(redacting, marker, 0);
            }
        }
        Object[] arguments = event.getArgumentArray();
        if (arguments != null) {
            for (Object argument : arguments) {
                if (argument instanceof StructuredArgument structured) {
                    redacting = redacting != null ? redacting : new RedactingJsonGenerator(generator, runtime.redactor());
                    structured.writeTo(redacting);
                }
            }
        }
    }

    private static int countIds(Map<String, String> mdc) {
        return (mdc.containsKey(LogFields.REQUEST_ID) ? 1 : 0) + (mdc.containsKey(LogFields.TRACE_ID) ? 1 : 0)
                + (mdc.containsKey(LogFields.SPAN_ID) ? 1 : 0);
    }

    private static void writeIfPresent(JsonGenerator generator, String field, String value) throws IOException {
        if (value != null) {
            generator.writeStringField(field, value);
        }
    }

    private static void writeScalar(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            generator.writeNumber(((Number) value).doubleValue());
        } else {
            generator.writeNumber(value.toString());
        }
    }

    // Markers nest (marker.and(other)); bound the depth so that a cycle cannot loop.
    private static void writeMarker(JsonGenerator generator, Marker marker, int depth) throws IOException {
        if (depth > 8) {
            return;
        }
        if (marker instanceof LogstashMarker logstash) {
            logstash.writeTo(generator);
        }
        if (marker.hasReferences()) {
            for (Iterator<Marker> it = marker.iterator(); it.hasNext(); ) {
                writeMarker(generator, it.next(), depth + 1);
            }
        }
    }
}
