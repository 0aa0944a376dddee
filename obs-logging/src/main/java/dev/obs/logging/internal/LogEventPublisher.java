package dev.obs.logging.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.obs.context.RequestContext;
import dev.obs.spi.LogEvent;

/**
 * Hands log events at INFO and above to the other modules (error capture, breadcrumbs) through
 * {@code ModuleContext.logEvents()}. Runs on the calling thread, the only place where the request
 * context of the event is the current one.
 *
 * <p>As an appender it serves applications that keep their own {@code logback.xml}: obs attaches it
 * to the root logger, where it writes nothing and only publishes.
 */
public final class LogEventPublisher extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** The name obs gives it on the root logger. */
    public static final String NAME = "obs-log-events";

    /** Publishes {@code event} if it is INFO or above; call on the thread that logged it. */
    public static void publish(ILoggingEvent event, String redactedMessage, Throwable throwable) {
        if (!event.getLevel().isGreaterOrEqual(Level.INFO)) {
            return;
        }
        LoggingRuntime.state().logEvents().onLogEvent(new LogEvent(event.getTimeStamp(), event.getLevel().levelStr,
                event.getLoggerName(), redactedMessage, throwable, RequestContext.current()));
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.INFO)) {
            return;
        }
        LoggingRuntime.State runtime = LoggingRuntime.state();
        Throwable throwable = event.getThrowableProxy() instanceof ch.qos.logback.classic.spi.ThrowableProxy proxy
                ? proxy.getThrowable() : null;
        publish(event, runtime.redactor().redact(event.getFormattedMessage()), throwable);
    }
}
