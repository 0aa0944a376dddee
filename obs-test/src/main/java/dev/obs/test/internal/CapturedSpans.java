package dev.obs.test.internal;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The span exporter of the test kit, in the OTLP exporter's place: obs's tracing module is told
 * {@code obs.traces.exporter=obs-test}, and the OpenTelemetry SDK finds this provider on the class
 * path. Its exporter sits behind the same batch queue, export gate and redaction as the OTLP
 * exporter, so it receives exactly the spans OTLP would send.
 *
 * <p>The extension {@link #prepare prepares} an exporter before it installs obs and
 * {@link #claimed checks} afterwards that the SDK took it.
 *
 * <p>Not {@code opentelemetry-sdk-testing}'s {@code Exporter}: that jar registers its
 * own {@code ContextStorageProvider}, which would displace obs's on the test class path (and with
 * it {@code trace_id}/{@code span_id} in logs for spans made current through the OpenTelemetry API).
 */
public final class CapturedSpans implements ConfigurableSpanExporterProvider {

    /** The exporter name, the value of {@code obs.traces.exporter}. */
    public static final String NAME = "obs-test";

    private static final AtomicReference<Exporter> PREPARED = new AtomicReference<>();
    private static final AtomicReference<Exporter> CLAIMED = new AtomicReference<>();

    /** For the SDK's service loader. */
    public CapturedSpans() {
    }

    /** A new exporter for the next install. */
    public static Exporter prepare() {
        Exporter exporter = new Exporter();
        CLAIMED.set(null);
        PREPARED.set(exporter);
        return exporter;
    }

    /** Whether the install since {@link #prepare()} took {@code exporter}; forgets it either way. */
    public static boolean claimed(Exporter exporter) {
        PREPARED.compareAndSet(exporter, null);
        return CLAIMED.compareAndSet(exporter, null);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
        Exporter exporter = PREPARED.getAndSet(null);
        if (exporter == null) {
            throw new ConfigurationException("the span exporter \"" + NAME + "\" is the obs test kit's; it is set up by "
                    + "@ObsTest / ObsExtension, not by configuration");
        }
        CLAIMED.set(exporter);
        return exporter;
    }

    /** Keeps every span it is handed, in the order of the export calls. */
    public static final class Exporter implements SpanExporter {
        private final List<SpanData> spans = new ArrayList<>();

        private Exporter() {
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            synchronized (spans) {
                spans.addAll(batch);
            }
            return CompletableResultCode.ofSuccess();
        }

        /** The spans received so far, oldest first. */
        public List<SpanData> spans() {
            synchronized (spans) {
                return List.copyOf(spans);
            }
        }

        /** Forgets the spans received so far. */
        public void clear() {
            synchronized (spans) {
                spans.clear();
            }
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
