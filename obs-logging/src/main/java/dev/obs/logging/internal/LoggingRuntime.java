package dev.obs.logging.internal;

import dev.obs.ServiceInfo;
import dev.obs.redact.Redactor;
import dev.obs.spi.Diagnostics;
import dev.obs.spi.LogEventListener;
import dev.obs.spi.SelfMetric;
import dev.obs.spi.SignalListener;

/**
 * What the Logback components of obs need from the installed obs: the redactor, the service's
 * identity, where log events go and where drops are counted.
 *
 * <p>Logback builds appenders and encoders named in {@code logback.xml} on the first
 * {@code LoggerFactory.getLogger} call, usually before {@code Observability.install()}. They read
 * the state here on every event (one volatile read), so they work with defaults before install and
 * pick up the real settings the moment the logging module starts.
 */
public final class LoggingRuntime {

    /** The settings in force; replaced whole, never mutated. */
    public record State(Redactor redactor, ServiceInfo service, LogEventListener logEvents, SelfMetric dropped,
                        Diagnostics diagnostics) {
    }

    private static final LogEventListener NO_LISTENER = event -> { };

    private static final Diagnostics STDERR = new Diagnostics() {
        @Override
        public void warn(String message) {
            System.err.println("obs: " + message);
        }

        @Override
        public void warnOnce(String key, String message) {
            warn(message);
        }
    };

    /** Before install: default redaction, no service fields, nobody listening. */
    static final State DEFAULTS = new State(Redactor.defaults(), null, NO_LISTENER, null, STDERR);

    private static volatile State state = DEFAULTS;

    private static final SignalListener NOBODY = new SignalListener() {
        @Override
        public boolean isListening() {
            return false;
        }
    };

    private static volatile SignalListener signals = NOBODY;

    private LoggingRuntime() {
    }

    public static State state() {
        return state;
    }

    /** Called by the logging module at start. */
    public static void install(State installed) {
        state = installed;
    }

    /** Where encoded lines are published (the console listens there); set by the logging module at start. */
    public static void signals(SignalListener listener) {
        signals = listener == null ? NOBODY : listener;
    }

    /** Publishes a line as obs's JSON encoder wrote it, when anyone listens. Never throws. */
    public static void publishLine(ch.qos.logback.classic.spi.ILoggingEvent event, byte[] encoded) {
        SignalListener listener = signals;
        if (!listener.isListening() || encoded == null) {
            return;
        }
        int end = encoded.length;
        while (end > 0 && (encoded[end - 1] == '\n' || encoded[end - 1] == '\r')) {
            end--;
        }
        java.util.Map<String, String> mdc = event.getMDCPropertyMap();
        listener.onLogLine(new dev.obs.spi.LogLine(event.getTimeStamp(), event.getLevel().levelStr,
                mdc == null ? null : mdc.get(LogFields.REQUEST_ID), mdc == null ? null : mdc.get(LogFields.TRACE_ID),
                new String(encoded, 0, end, java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Called by the logging module at close. The redactor stays: lines logged during shutdown are
     * still redacted by the installed rules.
     */
    public static void uninstall() {
        State last = state;
        state = new State(last.redactor(), last.service(), NO_LISTENER, null, STDERR);
        signals = NOBODY;
    }
}
