package dev.obs.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.testing.RecordingDiagnostics;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DeferredSpanExporterTest {

    private final RecordingDiagnostics diagnostics = new RecordingDiagnostics();
    private final List<String> warnings = diagnostics.warnings();

    @Test
    void theExporterIsBuiltByTheBatchProcessorsThreadWhenItFirstExportsAndEverySpanArrives() {
        AtomicReference<String> builtOn = new AtomicReference<>();
        List<SpanData> received = new CopyOnWriteArrayList<>();
        DeferredSpanExporter exporter = new DeferredSpanExporter("test", () -> {
            builtOn.set(Thread.currentThread().getName());
            return new Collecting(received);
        }, diagnostics);
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).setScheduleDelay(Duration.ofMillis(20)).build()).build();

        for (int i = 0; i < 5; i++) {
            provider.get("test").spanBuilder("span-" + i).startSpan().end();
        }
        assertThat(builtOn.get()).as("not built by the thread that set up tracing and ended the spans").isNull();
        assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        assertThat(received).extracting(SpanData::getName).containsExactlyInAnyOrder("span-0", "span-1", "span-2", "span-3", "span-4");
        assertThat(builtOn.get()).isNotEqualTo(Thread.currentThread().getName());
        provider.shutdown().join(10, TimeUnit.SECONDS);
        assertThat(warnings).isEmpty();
    }

    @Test
    void spansStillQueuedAtShutdownAreExported() {
        List<SpanData> received = new CopyOnWriteArrayList<>();
        DeferredSpanExporter exporter = new DeferredSpanExporter("test", () -> new Collecting(received), diagnostics);
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).setScheduleDelay(Duration.ofHours(1)).build()).build();
        provider.get("test").spanBuilder("last words").startSpan().end();

        provider.shutdown().join(10, TimeUnit.SECONDS);

        assertThat(received).extracting(SpanData::getName).containsExactly("last words");
    }

    @Test
    void anExporterNeverNeededIsNeverBuilt() {
        AtomicInteger built = new AtomicInteger();
        DeferredSpanExporter exporter = new DeferredSpanExporter("test", () -> {
            built.incrementAndGet();
            return new Collecting(new ArrayList<>());
        }, diagnostics);

        assertThat(exporter.flush().isSuccess()).isTrue();
        assertThat(exporter.shutdown().isSuccess()).isTrue();
        assertThat(exporter.export(List.of()).isSuccess()).as("shut down: nothing is built any more").isFalse();
        assertThat(built).hasValue(0);
    }

    @Test
    void anExporterThatCannotBeBuiltIsReportedOnceAndItsExportsFail() {
        AtomicInteger attempts = new AtomicInteger();
        DeferredSpanExporter exporter = new DeferredSpanExporter("broken", () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("certificate file /etc/missing.pem not found");
        }, diagnostics);

        assertThat(exporter.export(List.of()).isSuccess()).isFalse();
        assertThat(exporter.export(List.of()).isSuccess()).isFalse();

        assertThat(attempts).hasValue(1);
        assertThat(warnings).singleElement().asString()
                .contains("\"broken\"").contains("no spans are exported").contains("/etc/missing.pem");
    }

    @Test
    void theLoaderDefersTheOtlpExporterAndPassesOtherComponentsThrough() {
        ComponentLoader loader = DeferredSpanExporter.deferringLoader(getClass().getClassLoader(), diagnostics);

        List<ConfigurableSpanExporterProvider> providers = new ArrayList<>();
        loader.load(ConfigurableSpanExporterProvider.class).forEach(providers::add);
        ConfigurableSpanExporterProvider otlp = providers.stream().filter(p -> p.getName().equals("otlp")).findFirst().orElseThrow();
        ConfigProperties config = DefaultConfigProperties.createFromMap(Map.of("otel.exporter.otlp.endpoint", "http://127.0.0.1:4318"));
        SpanExporter exporter = otlp.createExporter(config);

        assertThat(exporter).isInstanceOf(DeferredSpanExporter.class);
        assertThat(exporter.toString()).contains("not built yet");
        assertThat(classesOf(loader.load(io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider.class)))
                .isNotEmpty()
                .isEqualTo(classesOf(ComponentLoader.forClassLoader(getClass().getClassLoader())
                        .load(io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider.class)));
        exporter.shutdown();
    }

    private static List<Class<?>> classesOf(Iterable<?> components) {
        List<Class<?>> classes = new ArrayList<>();
        components.forEach(c -> classes.add(c.getClass()));
        return classes;
    }

    private static final class Collecting implements SpanExporter {
        private final List<SpanData> received;

        Collecting(List<SpanData> received) {
            this.received = received;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            received.addAll(spans);
            return CompletableResultCode.ofSuccess();
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
