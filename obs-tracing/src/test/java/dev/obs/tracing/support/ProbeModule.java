package dev.obs.tracing.support;

import dev.obs.context.RequestContext;
import dev.obs.spi.ModuleContext;
import dev.obs.spi.ObservabilityModule;
import dev.obs.spi.SelfMetric;

/**
 * A test module, found by ServiceLoader: mirrors the current context per thread the way the
 * logging module keeps its MDC (through context listeners only), and reads obs's self-metrics.
 */
public final class ProbeModule implements ObservabilityModule {

    /** What a listener-driven view (such as the MDC) believes is current on this thread. */
    public static final ThreadLocal<RequestContext> MIRROR = new ThreadLocal<>();
    private static volatile ModuleContext context;

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public int order() {
        return ORDER_ERRORS + 1;
    }

    @Override
    public void start(ModuleContext ctx) {
        context = ctx;
        ctx.addContextListener(current -> {
            if (current == null) {
                MIRROR.remove();
            } else {
                MIRROR.set(current);
            }
        });
    }

    /** The context obs handed this module (for tests that start a module by hand). */
    public static ModuleContext context() {
        return context;
    }

    /** The value of a self-metric counter with the given name and tags, 0 when it does not exist. */
    public static double selfMetric(String name, String... tags) {
        ModuleContext ctx = context;
        if (ctx == null) {
            return 0;
        }
        for (SelfMetric metric : ctx.selfMetrics().all()) {
            if (metric.name().equals(name) && metric.tags().equals(java.util.List.of(tags))) {
                return metric.value();
            }
        }
        return 0;
    }
}
