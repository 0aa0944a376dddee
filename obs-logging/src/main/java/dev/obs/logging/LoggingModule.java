package dev.obs.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.obs.config.Config;
import dev.obs.config.ConfigKey;
import dev.obs.logging.internal.AccessLog;
import dev.obs.logging.internal.LogEventPublisher;
import dev.obs.logging.internal.LogbackSetup;
import dev.obs.logging.internal.LoggingRuntime;
import dev.obs.logging.internal.LoggingSettings;
import dev.obs.logging.internal.MdcContextListener;
import dev.obs.logging.internal.SlowQueryLog;
import dev.obs.spi.ModuleContext;
import dev.obs.spi.ObservabilityModule;
import dev.obs.spi.SelfMetric;
import java.time.Duration;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The logging pillar of obs, started by {@code Observability.install()} when {@code obs-logging} is
 * on the class path; applications do not use this class directly.
 *
 * <pre>{@code
 * Observability obs = Observability.install();     // stdout is now one JSON object per line
 * log.atInfo().addKeyValue("order_id", 42).log("order placed");
 * // {"@timestamp":"2026-01-05T14:02:11.532Z","level":"INFO","logger":"com.acme.Orders","thread":"http-1",
 * //  "message":"order placed","service":"orders","env":"prod","version":"1.4.2",
 * //  "request_id":"7f3c...","trace_id":"4bf9...","span_id":"00f0...","order_id":42}
 * }</pre>
 *
 * <p>At start it keeps {@code request_id}, {@code trace_id} and {@code span_id} in the MDC in step
 * with the request context; configures Logback (console on stdout, {@link ObsAsyncAppender},
 * {@link ObsJsonEncoder} or the text format) unless the application ships its own configuration,
 * which it then leaves alone; and routes {@code java.util.logging} into SLF4J. {@link #close}
 * drains the log queue within the time it is given.
 */
public final class LoggingModule implements ObservabilityModule {

    /** The self-metric counting dropped events, exposed as {@code obs_log_events_dropped_total}. */
    public static final String DROPPED_METRIC = "obs.log.events.dropped";

    private ModuleContext context;
    private ObsAsyncAppender asyncAppender;
    private LogEventPublisher publisher;
    private LoggerContext loggerContext;

    @Override
    public String name() {
        return "logging";
    }

    @Override
    public int order() {
        return ORDER_LOGGING;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return LoggingSettings.KEYS;
    }

    @Override
    public void start(ModuleContext context) {
        LoggingSettings settings = LoggingSettings.from(context.config()); // fails install before anything changes
        AccessLog.Mode access = AccessLog.mode(context.config());
        this.context = context;
        SelfMetric dropped = context.selfMetrics().counter(DROPPED_METRIC,
                "Log events dropped because the async log queue was full", "reason", "queue_full");
        LoggingRuntime.install(new LoggingRuntime.State(context.redactor(), context.service(), context.logEvents(), dropped,
                context.diagnostics()));
        LoggingRuntime.signals(context.signals());
        context.addContextListener(new MdcContextListener());
        if (access != AccessLog.Mode.OFF) {
            context.addHttpServerObserver(new AccessLog(access, context.sampling().keepSlowerThan(), context.redactor()));
        }
        context.addDbClientObserver(new SlowQueryLog());

        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext logback)) {
            context.diagnostics().warn("SLF4J is bound to " + factory.getClass().getName() + ", not Logback: obs keeps"
                    + " request_id, trace_id and span_id in the MDC but does not configure JSON logs; remove the other"
                    + " SLF4J provider from the class path to get them");
            return;
        }
        loggerContext = logback;
        String applicationConfiguration = LogbackSetup.findApplicationConfiguration(logback);
        if (applicationConfiguration == null) {
            asyncAppender = LogbackSetup.configure(logback, settings);
        } else {
            publisher = LogbackSetup.attachPublisher(logback, settings.julBridge());
            warnAboutIgnoredKeys(context.config(), applicationConfiguration);
        }
        if (settings.julBridge()) {
            LogbackSetup.bridgeJul();
        }
    }

    private void warnAboutIgnoredKeys(Config config, String applicationConfiguration) {
        for (ConfigKey key : List.of(LoggingSettings.FORMAT, LoggingSettings.LEVEL, LoggingSettings.LEVELS,
                LoggingSettings.QUEUE_SIZE, LoggingSettings.STACK_TRACE_MAX_LENGTH)) {
            if (config.find(key.name()).isPresent()) {
                context.diagnostics().warnOnce("log-config-ignored", key.name() + " is set, but the application configures"
                        + " Logback itself (" + applicationConfiguration + "), which obs leaves alone, so obs.log.format,"
                        + " obs.log.level, obs.log.levels, obs.log.queue.size and obs.log.stack.trace.max.length do not"
                        + " apply; set levels and queue there, and see docs/logging.md for obs's encoder");
                return;
            }
        }
    }

    @Override
    public void close(Duration timeout) {
        if (asyncAppender != null && !asyncAppender.drain(timeout)) {
            context.diagnostics().warn("the log queue was not written out within " + timeout.toMillis() + " ms ("
                    + asyncAppender.queuedCount() + " events left); stdout is not keeping up");
        }
        if (publisher != null) {
            loggerContext.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(publisher);
            publisher.stop();
        }
        LoggingRuntime.uninstall();
    }
}
