package dev.obs.metrics.internal;

import dev.obs.config.Config;
import dev.obs.config.ConfigKey;
import java.util.List;

/**
 * The configuration keys of obs-metrics, read once at start.
 *
 * @param enabled            whether the module starts at all
 * @param maxSeriesPerName   the cardinality cap per meter name
 * @param jvm                whether the JVM and process binders are registered
 * @param exemplars          whether histogram buckets and counters carry trace exemplars
 */
public record MetricsSettings(boolean enabled, int maxSeriesPerName, boolean jvm, boolean exemplars) {

    public static final ConfigKey ENABLED = ConfigKey.of("obs.metrics.enabled", "true",
            "Set to false to start nothing of obs-metrics: no /metrics route, no meters.");
    public static final ConfigKey MAX_SERIES_PER_NAME = ConfigKey.of("obs.metrics.max.series.per.name", "1000",
            "The most distinct tag combinations one meter name may have (1 to 1000000); more are dropped and counted in obs_metrics_series_dropped_total.");
    public static final ConfigKey JVM = ConfigKey.of("obs.metrics.jvm.enabled", "true",
            "Whether to expose JVM and process metrics (memory, GC, threads, classes, CPU, uptime, file descriptors).");
    public static final ConfigKey EXEMPLARS = ConfigKey.of("obs.metrics.exemplars.enabled", "true",
            "Whether histogram buckets and counters carry the trace_id and span_id of a sampled request as exemplars (OpenMetrics format only).");

    public static final List<ConfigKey> KEYS = List.of(ENABLED, MAX_SERIES_PER_NAME, JVM, EXEMPLARS);

    /** Reads and checks every key; a bad value throws {@link dev.obs.config.ConfigException}. */
    public static MetricsSettings from(Config config) {
        return new MetricsSettings(
                config.getBoolean(ENABLED.name()),
                config.getInt(MAX_SERIES_PER_NAME.name(), 1, 1_000_000),
                config.getBoolean(JVM.name()),
                config.getBoolean(EXEMPLARS.name()));
    }
}
