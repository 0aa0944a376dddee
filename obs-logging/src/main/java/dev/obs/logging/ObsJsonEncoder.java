package dev.obs.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.obs.logging.internal.LogFields;
import dev.obs.logging.internal.LoggingRuntime;
import dev.obs.logging.internal.ObsFieldsJsonProvider;
import dev.obs.logging.internal.RedactedEvent;
import dev.obs.logging.internal.UtcTimestampJsonProvider;
import java.io.IOException;
import java.io.OutputStream;
import net.logstash.logback.composite.loggingevent.StackTraceJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import net.logstash.logback.stacktrace.ShortenedThrowableConverter;

/**
 * The JSON encoder obs configures on its own, for applications that keep their {@code logback.xml}:
 * one JSON object per line with {@code @timestamp} (ISO-8601, UTC), {@code level}, {@code logger},
 * {@code thread}, {@code message}, {@code service}, {@code env}, {@code version},
 * {@code request_id}, {@code trace_id}, {@code span_id}, the other MDC entries, SLF4J key-value
 * pairs, logstash structured arguments and markers, and {@code stack_trace} (root cause first,
 * bounded length). The message, MDC values, key-value pairs, arguments and exception messages pass
 * through obs's redactor.
 *
 * <pre>{@code
 * <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
 *   <encoder class="dev.obs.logging.ObsJsonEncoder">
 *     <maxStackTraceLength>16384</maxStackTraceLength>   <!-- optional -->
 *   </encoder>
 * </appender>
 * }</pre>
 *
 * <p>Logback creates the encoder before {@code Observability.install()} runs; until then lines
 * carry no {@code service}, {@code env} and {@code version} and are redacted by the default rules.
 * The request IDs come from the MDC, which obs keeps in step with the request context.
 */
public class ObsJsonEncoder extends LoggingEventCompositeJsonEncoder {

    /** The default longest {@code stack_trace}, in characters. */
    public static final int DEFAULT_MAX_STACK_TRACE_LENGTH = 16384;

    private final ShortenedThrowableConverter throwableConverter = new ShortenedThrowableConverter();

    public ObsJsonEncoder() {
        UtcTimestampJsonProvider timestamp = new UtcTimestampJsonProvider();

        throwableConverter.setRootCauseFirst(true);
        throwableConverter.setMaxLength(DEFAULT_MAX_STACK_TRACE_LENGTH);
        StackTraceJsonProvider stackTrace = new StackTraceJsonProvider();
        stackTrace.setFieldName(LogFields.STACK_TRACE);
        stackTrace.setThrowableConverter(throwableConverter);

        getProviders().addProvider(timestamp);
        getProviders().addProvider(new ObsFieldsJsonProvider());
        getProviders().addProvider(stackTrace);
        setLineSeparator("UNIX");
    }

    /** The longest {@code stack_trace} written, in characters; longer ones are cut. */
    public void setMaxStackTraceLength(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxStackTraceLength must be positive: " + maxLength);
        }
        throwableConverter.setMaxLength(maxLength);
    }

    public int getMaxStackTraceLength() {
        return throwableConverter.getMaxLength();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        RedactedEvent redacted = RedactedEvent.of(event, LoggingRuntime.state().redactor());
        byte[] line = super.encode(redacted);
        LoggingRuntime.publishLine(redacted, line); // the console shows the line exactly as written
        return line;
    }

    @Override
    public void encode(ILoggingEvent event, OutputStream outputStream) throws IOException {
        super.encode(RedactedEvent.of(event, LoggingRuntime.state().redactor()), outputStream);
    }
}
