package dev.obs.spi;

import dev.obs.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/**
 * A pillar of obs (logging, metrics, tracing, errors), found on the class path by
 * {@link java.util.ServiceLoader}: a module lists its implementation in
 * {@code META-INF/services/dev.obs.spi.ObservabilityModule}, and {@code Observability.install()}
 * starts every module it finds, in {@link #order()}, and closes them in reverse.
 *
 * <pre>{@code
 * public final class MetricsModule implements ObservabilityModule {
 *     public String name() { return "metrics"; }
 *     public List<ConfigKey> configKeys() { return List.of(METRICS_ENABLED); }
 *     public void start(ModuleContext context) {
 *         context.addAdminRoute("/metrics", this::scrape);
 *         context.addMethodObserver(new TimedObserver(registry));
 *     }
 *     public void close(Duration timeout) { registry.close(); }
 * }
 * }</pre>
 *
 * A module that throws from {@code start} is reported on stderr and the others still start,
 * except for a {@link dev.obs.config.ConfigException}, which fails {@code install()}: bad
 * configuration is reported at once, not run with.
 */
public interface ObservabilityModule {

    /** Start order of the logging module: first, so that everything after logs in JSON. */
    int ORDER_LOGGING = 10;
    /** Start order of the tracing module: before the others, as it installs the context storage. */
    int ORDER_TRACING = 20;
    /** Start order of the metrics module. */
    int ORDER_METRICS = 30;
    /** Start order of the errors module. */
    int ORDER_ERRORS = 40;

    /** A short name for diagnostics, e.g. {@code tracing}. */
    String name();

    /** Lower starts first and closes last. */
    default int order() {
        return 100;
    }

    /** The configuration keys this module reads, for validation and {@code docs/configuration.md}. */
    default List<ConfigKey> configKeys() {
        return List.of();
    }

    /** Starts the module; contribute observers, routes and checks through {@code context}. */
    void start(ModuleContext context) throws Exception;

    /** Flushes what is buffered and releases resources, within {@code timeout}. Called once. */
    default void close(Duration timeout) {
    }
}
