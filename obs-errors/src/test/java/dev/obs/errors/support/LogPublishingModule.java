package dev.obs.errors.support;

import dev.obs.context.RequestContext;
import dev.obs.spi.LogEvent;
import dev.obs.spi.ModuleContext;
import dev.obs.spi.ObservabilityModule;
import dev.obs.spi.SelfMetric;
import java.util.List;

/**
 * A module found by ServiceLoader in these tests, standing in for obs-logging: it publishes log
 * events through core's {@link ModuleContext#logEvents()} the way the logging module does, and
 * exposes obs's self-metrics.
 */
public final class LogPublishingModule implements ObservabilityModule {

    private static volatile ModuleContext context;

    @Override
    public String name() {
        return "test-log-publisher";
    }

    @Override
    public int order() {
        return ORDER_LOGGING;
    }

    @Override
    public void start(ModuleContext ctx) {
        context = ctx;
    }

    /** Publishes a log line with the current context, as the logging module does on the calling thread. */
    public static void log(String level, String logger, String message, Throwable throwable) {
        context.logEvents().onLogEvent(new LogEvent(System.currentTimeMillis(), level, logger, message, throwable,
                RequestContext.current()));
    }

    /** The value of the self-metric with this name and tags, or -1 when it does not exist. */
    public static double metric(String name, String... tags) {
        List<String> wanted = List.of(tags);
        for (SelfMetric metric : context.selfMetrics().all()) {
            if (metric.name().equals(name) && metric.tags().equals(wanted)) {
                return metric.value();
            }
        }
        return -1;
    }

    /** Every self-metric with this name. */
    public static List<SelfMetric> metrics(String name) {
        return context.selfMetrics().all().stream().filter(m -> m.name().equals(name)).toList();
    }
}
