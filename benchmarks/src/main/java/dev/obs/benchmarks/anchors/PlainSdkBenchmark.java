package dev.obs.benchmarks.anchors;

import dev.obs.benchmarks.support.LoopbackOtlpReceiver;
import dev.obs.benchmarks.support.NoObsLoaded;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The anchor of {@code TracedBenchmark}: the plain OpenTelemetry SDK, always on, with a batch
 * processor and the OTLP/HTTP exporter (gzip) sending to a loopback receiver in this JVM — the same
 * pipeline, queue size, batch size and schedule as obs's defaults, to the same kind of receiver.
 * obs is not installed in these forks and none of its classes is loaded ({@link NoObsLoaded}
 * checks at the end of each fork and fails the run otherwise).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {NoObsLoaded.STORAGE, NoObsLoaded.OPENS})
public class PlainSdkBenchmark {

    private int counter;
    private LoopbackOtlpReceiver receiver;
    private SdkTracerProvider provider;
    private Tracer tracer;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        receiver = LoopbackOtlpReceiver.start();
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(receiver.endpoint() + "/v1/traces")
                .setCompression("gzip").setTimeout(Duration.ofSeconds(10)).build();
        provider = SdkTracerProvider.builder().setSampler(Sampler.alwaysOn())
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).setMaxQueueSize(2048).setMaxExportBatchSize(512)
                        .setScheduleDelay(Duration.ofSeconds(5)).setExporterTimeout(Duration.ofSeconds(10)).build())
                .build();
        tracer = provider.get("bench");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        provider.close();
        receiver.close();
        NoObsLoaded.check();
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private int bare() {
        return ++counter;
    }

    /** One span started and ended, through the batch processor: the anchor of the ≤ 300 ns row. */
    @Benchmark
    public Span spanIntoBatchProcessor() {
        Span span = tracer.spanBuilder("GET /bench").setSpanKind(SpanKind.SERVER).startSpan();
        span.end();
        return span;
    }

    @Benchmark
    public int requestWithBareCall() {
        Span root = tracer.spanBuilder("GET /bench").setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope ignored = root.makeCurrent()) {
            return bare();
        } finally {
            root.end();
        }
    }

    /** A request with one child span made current around the call: the anchor of a sampled {@code @Traced} call. */
    @Benchmark
    public int requestWithChildSpan() {
        Span root = tracer.spanBuilder("GET /bench").setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope ignored = root.makeCurrent()) {
            Span child = tracer.spanBuilder("bench.work").startSpan();
            try (Scope inner = child.makeCurrent()) {
                return bare();
            } finally {
                child.end();
            }
        } finally {
            root.end();
        }
    }
}
