package dev.obs.tracing;

import dev.obs.config.ConfigKey;
import dev.obs.spi.ModuleContext;
import dev.obs.spi.ObservabilityModule;
import dev.obs.tracing.internal.TracingRuntime;
import dev.obs.tracing.internal.TracingSettings;
import java.time.Duration;
import java.util.List;

/**
 * The tracing module, started by {@code Observability.install()} when {@code obs-tracing} is on the
 * class path. It runs the OpenTelemetry SDK with obs's sampling policy, keeps the request context
 * inside OpenTelemetry's context, gives every observed request a server span and every
 * {@code @Traced} method a span, and exports over OTLP when an endpoint is set (otherwise recent
 * spans stay in memory, see {@link ObsTracing#recentSpans()}).
 *
 * <pre>{@code
 * // OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318 in the environment, then:
 * Observability obs = Observability.install();
 * }</pre>
 */
public final class TracingModule implements ObservabilityModule {

    private volatile TracingRuntime running;

    @Override
    public String name() {
        return "tracing";
    }

    @Override
    public int order() {
        return ORDER_TRACING;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return TracingSettings.KEYS;
    }

    @Override
    public void start(ModuleContext context) {
        running = TracingRuntime.start(context);
    }

    @Override
    public void close(Duration timeout) {
        TracingRuntime runtime = running;
        running = null;
        if (runtime != null) {
            runtime.close(timeout);
        }
    }
}
