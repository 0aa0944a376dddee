package dev.obs.metrics.internal;

import dev.obs.spi.Diagnostics;
import dev.obs.spi.SelfMetric;
import dev.obs.spi.SelfMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Exposes obs's own health metrics, of every module and including those created later, as
 * Micrometer meters read at each scrape: counters as {@code FunctionCounter}s (exposed with
 * {@code _total}), gauges as gauges. Micrometer holds the objects behind such meters weakly;
 * {@link SelfMetrics} keeps every self-metric reachable for as long as obs is installed.
 */
public final class SelfMetricsExporter {

    private final MeterRegistry registry;
    private final Diagnostics diagnostics;

    public SelfMetricsExporter(MeterRegistry registry, Diagnostics diagnostics) {
        this.registry = registry;
        this.diagnostics = diagnostics;
    }

    /** Exposes every self-metric there is and every one created later. */
    public void subscribeTo(SelfMetrics selfMetrics) {
        selfMetrics.subscribe(this::expose);
    }

    private void expose(SelfMetric metric) {
        try {
            register(metric);
        } catch (RuntimeException e) {
            // Called from whichever module creates the metric: a clash with an application meter must not fail it.
            diagnostics.warnOnce("self-metric-" + metric.name(), "obs health metric " + metric.name()
                    + " cannot be exposed: " + e.getMessage());
        }
    }

    private void register(SelfMetric metric) {
        String[] tags = metric.tags().toArray(new String[0]);
        String description = metric.description().isEmpty() ? "obs health metric " + metric.name() : metric.description();
        if (metric.kind() == SelfMetric.Kind.COUNTER) {
            FunctionCounter.builder(metric.name(), metric, SelfMetric::value)
                    .description(description)
                    .tags(tags)
                    .register(registry);
        } else {
            Gauge.builder(metric.name(), metric, SelfMetric::value)
                    .description(description)
                    .tags(tags)
                    .strongReference(true)
                    .register(registry);
        }
    }
}
