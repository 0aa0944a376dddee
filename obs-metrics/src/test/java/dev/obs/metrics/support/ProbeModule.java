package dev.obs.metrics.support;

import dev.obs.spi.ModuleContext;
import dev.obs.spi.ObservabilityModule;
import dev.obs.spi.SelfMetric;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A module on the test class path that creates self-metrics the way the other pillars do (a dropped
 * counter and a queue gauge), before the metrics module starts, and hands its context to tests so
 * that they can create more later.
 */
public final class ProbeModule implements ObservabilityModule {

    public static final AtomicInteger QUEUE_DEPTH = new AtomicInteger();
    private static volatile ModuleContext context;
    private static volatile SelfMetric dropped;

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public int order() {
        return ORDER_LOGGING - 1;
    }

    @Override
    public void start(ModuleContext context) {
        ProbeModule.context = context;
        dropped = context.selfMetrics().counter("obs.probe.events.dropped", "Probe events dropped because the queue was full",
                "reason", "queue_full");
        context.selfMetrics().gauge("obs.probe.queue.depth", "Probe events waiting in the queue", QUEUE_DEPTH::get);
    }

    public static ModuleContext context() {
        return context;
    }

    public static SelfMetric dropped() {
        return dropped;
    }
}
