package dev.obs.metrics;

import dev.obs.ServiceInfo;
import dev.obs.config.ConfigKey;
import dev.obs.metrics.internal.CardinalityGuard;
import dev.obs.metrics.internal.DbClientMetrics;
import dev.obs.metrics.internal.HttpServerMetrics;
import dev.obs.metrics.internal.JvmMetrics;
import dev.obs.metrics.internal.MetricsSettings;
import dev.obs.metrics.internal.RedactingTagFilter;
import dev.obs.metrics.internal.RequestContextSpanContext;
import dev.obs.metrics.internal.ScrapeHandler;
import dev.obs.metrics.internal.SelfMetricsExporter;
import dev.obs.metrics.internal.TimedMethodObserver;
import dev.obs.spi.Diagnostics;
import dev.obs.spi.ModuleContext;
import dev.obs.spi.ObservabilityModule;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * The metrics pillar of obs, started by {@code Observability.install()} when {@code obs-metrics} is
 * on the class path; applications do not use this class directly (see {@link ObsMetrics}).
 *
 * <pre>{@code
 * Observability obs = Observability.install();
 * server.createContext("/orders", handler).getFilters().add(obs.httpServerFilter());
 * // curl localhost:9464/metrics
 * // http_server_request_duration_seconds_bucket{env="prod",error_type="",http_request_method="GET",
 * //     http_response_status_code="200",http_route="/orders",service="orders",le="0.005"} 41
 * }</pre>
 *
 * <p>At start it creates a Prometheus registry with the common tags {@code service} and
 * {@code env}, caps the series per meter name, exposes obs's own health metrics and the JVM's,
 * records HTTP server RED metrics and {@code @Timed} timers, joins Micrometer's global registry
 * and serves {@code /metrics} on the admin port. The JVM's meters are bound on a daemon thread
 * right after, so that {@code install()} does not wait for the JVM's management beans.
 * {@link #close} stops that binding if it still runs, leaves the global registry and closes the
 * registry.
 */
public final class MetricsModule implements ObservabilityModule {

    private PrometheusMeterRegistry registry;
    private JvmMetrics jvm;

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public int order() {
        return ORDER_METRICS;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return MetricsSettings.KEYS;
    }

    @Override
    public void start(ModuleContext context) {
        MetricsSettings settings = MetricsSettings.from(context.config()); // fails install before anything starts
        if (!settings.enabled()) {
            return;
        }
        Diagnostics diagnostics = context.diagnostics();
        ServiceInfo service = context.service();
        PrometheusMeterRegistry created = new PrometheusMeterRegistry(new OpenMetricsCompatibleConfig(), new PrometheusRegistry(),
                Clock.SYSTEM, settings.exemplars() ? new RequestContextSpanContext() : null);
        // Filters first: Micrometer applies them only to meters registered after them.
        created.config().commonTags("service", service.name(), "env", service.environment());
        created.config().meterFilter(new RedactingTagFilter(context.redactor())); // before the guard counts series
        if (settings.jvm()) {
            created.config().meterFilter(JvmMetrics.prometheusNames());
        }
        new CardinalityGuard(settings.maxSeriesPerName(), context.selfMetrics(), diagnostics).install(created);
        created.config().onMeterRegistrationFailed((id, reason) -> diagnostics.warnOnce(
                "metrics-registration-" + id.getName(), "meter " + id.getName() + " is not exposed: " + reason));
        try {
            new SelfMetricsExporter(created, diagnostics).subscribeTo(context.selfMetrics());
            context.addHttpServerObserver(new HttpServerMetrics(created));
            context.addMethodObserver(new TimedMethodObserver(created, diagnostics));
            context.addDbClientObserver(new DbClientMetrics(created, diagnostics));
            context.addAdminRoute("/metrics", new ScrapeHandler(created));
        } catch (RuntimeException e) {
            created.close();
            throw e;
        }
        registry = created;
        Metrics.addRegistry(created);
        ObsMetrics.install(created);
        if (settings.jvm()) {
            jvm = JvmMetrics.bindInBackground(created, diagnostics); // jvm_* and process_* appear shortly after
        }
    }

    /**
     * Micrometer's defaults, except that exemplars are written only where OpenMetrics 1.0 allows
     * them (histogram buckets, counter totals). Micrometer also puts them on a histogram's
     * {@code _count}, which Prometheus 2.x rejects, failing the whole scrape.
     */
    private static final class OpenMetricsCompatibleConfig implements PrometheusConfig {
        @Override
        public String get(String key) {
            return null;
        }

        @Override
        public Properties prometheusProperties() {
            Properties properties = new Properties();
            properties.setProperty("io.prometheus.exporter.exemplarsOnAllMetricTypes", "false");
            return properties;
        }
    }

    @Override
    public void close(Duration timeout) {
        if (registry == null) {
            return;
        }
        ObsMetrics.uninstall(registry);
        Metrics.removeRegistry(registry);
        if (jvm != null) {
            jvm.close();
        }
        registry.close();
    }
}
