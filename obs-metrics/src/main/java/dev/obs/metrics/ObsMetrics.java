package dev.obs.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

/**
 * Where application code gets the Micrometer registry that obs serves on {@code /metrics}. obs has
 * no metrics API of its own: Micrometer is the API.
 *
 * <pre>{@code
 * Counter placed = Counter.builder("orders.placed")          // exposed as orders_placed_total
 *         .description("Orders placed")
 *         .tag("tier", "gold")                                // bounded values only, never IDs
 *         .register(ObsMetrics.registry());
 * placed.increment();
 *
 * // meters on Micrometer's global registry land in the same exposition
 * Metrics.timer("orders.checkout").record(elapsed);
 * }</pre>
 *
 * <p>Every meter gets the tags {@code service} and {@code env}. A counter or histogram recorded
 * while a sampled request is current carries its trace ID as an exemplar. Each meter name may have
 * at most {@code obs.metrics.max.series.per.name} tag combinations; more are dropped (the builder
 * hands out a no-op meter) and counted in {@code obs_metrics_series_dropped_total}.
 */
public final class ObsMetrics {

    private static volatile MeterRegistry installed;

    private ObsMetrics() {
    }

    /**
     * The registry obs exposes while it is installed with obs-metrics; otherwise Micrometer's
     * global registry, {@link Metrics#globalRegistry}, which obs joins when it starts, so that
     * meters created from it before {@code install()} are exposed from then on.
     */
    public static MeterRegistry registry() {
        MeterRegistry registry = installed;
        return registry != null ? registry : Metrics.globalRegistry;
    }

    static void install(MeterRegistry registry) {
        installed = registry;
    }

    static void uninstall(MeterRegistry registry) {
        if (installed == registry) {
            installed = null;
        }
    }
}
