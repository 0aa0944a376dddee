package dev.obs.tracing.internal;

import dev.obs.spi.Diagnostics;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * A span exporter built by the thread that first needs it, not by {@code install()}.
 *
 * <p>Building the OTLP exporter sets up its HTTP client, and the JDK's client sets up the default
 * TLS context even for an {@code http://} endpoint: several hundred classes, a third of what
 * tracing added to start-up. Nothing needs the exporter before the batch span processor's first
 * export (seconds later, on its own thread), so that thread builds it. Spans wait in the
 * processor's queue meanwhile, as they would for a slow backend: none is lost. Whatever the
 * configuration, autoconfigure still picks and configures the OTLP exporter (through
 * {@link #deferringLoader}); only the moment it is built moves.
 *
 * <p>obs checks the OTLP settings it knows itself before the SDK starts, so a bad endpoint,
 * protocol, header or timeout still fails {@code install()}. A provider that fails later is
 * reported once through obs's diagnostics, and its exports fail (and are counted as such).
 */
final class DeferredSpanExporter implements SpanExporter {

    private final String name;
    private final Supplier<SpanExporter> factory;
    private final Diagnostics diagnostics;
    private volatile SpanExporter delegate;
    private boolean failed; // guarded by this
    private boolean shutdown; // guarded by this

    DeferredSpanExporter(String name, Supplier<SpanExporter> factory, Diagnostics diagnostics) {
        this.name = name;
        this.factory = factory;
        this.diagnostics = diagnostics;
    }

    /** The exporter deferred: OTLP, whose settings obs checks itself before the SDK starts. */
    static final String DEFERRED = "otlp";

    /**
     * OpenTelemetry's component loader for {@code classLoader}, with the OTLP span exporter
     * provider wrapped so that the exporter it configures is built on first use. Other providers
     * (an application's own exporter) are asked at once, as autoconfigure would: obs does not know
     * their settings, so only they can reject them while {@code install()} can still say so.
     */
    static ComponentLoader deferringLoader(ClassLoader classLoader, Diagnostics diagnostics) {
        ComponentLoader services = ComponentLoader.forClassLoader(classLoader);
        return new ComponentLoader() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Iterable<T> load(Class<T> spiClass) {
                Iterable<T> found = services.load(spiClass);
                if (spiClass != ConfigurableSpanExporterProvider.class) {
                    return found;
                }
                List<T> deferring = new ArrayList<>();
                for (T provider : found) {
                    ConfigurableSpanExporterProvider exporters = (ConfigurableSpanExporterProvider) provider;
                    deferring.add(DEFERRED.equals(exporters.getName()) ? (T) new DeferringProvider(exporters, diagnostics) : provider);
                }
                return deferring;
            }
        };
    }

    /** The exporter, built now if it was not yet; {@code null} if building it failed or it was shut down unbuilt. */
    private SpanExporter delegate() {
        SpanExporter d = delegate;
        if (d != null) {
            return d;
        }
        synchronized (this) {
            if (delegate == null && !failed && !shutdown) {
                try {
                    delegate = factory.get();
                } catch (RuntimeException | LinkageError e) {
                    failed = true;
                    diagnostics.warn("the span exporter \"" + name + "\" could not be built, so no spans are exported: " + e);
                }
            }
            return delegate;
        }
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        SpanExporter d = delegate();
        return d == null ? CompletableResultCode.ofFailure() : d.export(spans);
    }

    @Override
    public CompletableResultCode flush() {
        SpanExporter d = delegate;
        // Nothing was ever exported through an exporter that was never built: nothing to flush.
        return d == null ? CompletableResultCode.ofSuccess() : d.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        SpanExporter d;
        synchronized (this) {
            shutdown = true;
            d = delegate;
        }
        return d == null ? CompletableResultCode.ofSuccess() : d.shutdown();
    }

    @Override
    public String toString() {
        SpanExporter d = delegate;
        return "DeferredSpanExporter{" + (d == null ? name + " (not built yet)" : d.toString()) + "}";
    }

    private static final class DeferringProvider implements ConfigurableSpanExporterProvider {
        private final ConfigurableSpanExporterProvider provider;
        private final Diagnostics diagnostics;

        DeferringProvider(ConfigurableSpanExporterProvider provider, Diagnostics diagnostics) {
            this.provider = provider;
            this.diagnostics = diagnostics;
        }

        @Override
        public SpanExporter createExporter(ConfigProperties config) {
            return new DeferredSpanExporter(provider.getName(), () -> provider.createExporter(config), diagnostics);
        }

        @Override
        public String getName() {
            return provider.getName();
        }
    }
}
