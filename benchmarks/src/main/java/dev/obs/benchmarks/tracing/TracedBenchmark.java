package dev.obs.benchmarks.tracing;

import dev.obs.Observability;
import dev.obs.benchmarks.support.LoopbackOtlpReceiver;
import dev.obs.tracing.ObsTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Budgets: a woven {@code @Traced} method in a request that is not sampled ≤ 50 ns over the bare
 * call; sampled (export excluded) ≤ 1 µs, and span start+end into the batch processor ≤ 300 ns.
 *
 * <p>A span needs a request around it, so every operation is one small request: a root span made
 * current, one call, the root ended. The cost of the {@code @Traced} call is
 * {@code requestWithTracedCall - requestWithBareCall} in the same mode. Spans go through the batch
 * processor and the OTLP exporter (gzip) to a loopback receiver in this JVM. The anchor,
 * {@code anchors.PlainSdkBenchmark}, does the same with a plain OpenTelemetry SDK in forks where obs
 * is not installed (before, it ran in this JVM, where obs's context storage ran inside it too).
 *
 * <ul>
 *   <li>{@code unsampled}: ratio 0, nothing kept: unsampled requests are not recorded at all.</li>
 *   <li>{@code unsampled-keep}: ratio 0 with the defaults that keep failed and slow requests: every
 *       span is recorded and held until its request ends, then dropped.</li>
 *   <li>{@code sampled}: ratio 1.0: every span exported (and kept in the in-memory ring, as by default).</li>
 * </ul>
 */
@org.openjdk.jmh.annotations.State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class TracedBenchmark {

    @Param({"unsampled", "unsampled-keep", "sampled"})
    public String mode;

    private final TracedWork work = new TracedWork();
    private Tracer obsTracer;
    private LoopbackOtlpReceiver receiver;

    @Setup
    public void setUp() throws IOException {
        receiver = LoopbackOtlpReceiver.start();
        Observability.Builder builder = Observability.builder().set("obs.traces.endpoint", receiver.endpoint()).set("obs.admin.enabled", "false")
                .set("obs.service.name", "bench").set("obs.log.level", "warn").set("obs.traces.max.per.second", "0")
                .shutdownHook(false);
        switch (mode) {
            case "unsampled":
                builder.set("obs.traces.sample.ratio", "0").set("obs.traces.keep.errors", "false")
                        .set("obs.traces.keep.slower.than", "0");
                break;
            case "unsampled-keep":
                builder.set("obs.traces.sample.ratio", "0");
                break;
            default:
                builder.set("obs.traces.sample.ratio", "1.0");
        }
        builder.install();
        obsTracer = ObsTracing.openTelemetry().getTracer("bench");
    }

    @TearDown
    public void tearDown() {
        Observability.resetForTesting();
        receiver.close();
    }

    /**
     * One span started and ended through obs's tracer: the sampler, obs's processors and, when
     * sampled, the batch processor and OTLP exporter (gzip, to a loopback receiver in this JVM).
     * The anchor is {@code PlainSdkBenchmark.spanIntoBatchProcessor}, in forks without obs.
     */
    @Benchmark
    public Span spanIntoBatchProcessor() {
        Span span = obsTracer.spanBuilder("GET /bench").setSpanKind(SpanKind.SERVER).startSpan();
        span.end();
        return span;
    }

    @Benchmark
    public int bareCall() {
        return work.bare();
    }

    @Benchmark
    public int requestWithBareCall() {
        Span root = obsTracer.spanBuilder("GET /bench").setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope ignored = root.makeCurrent()) {
            return work.bare();
        } finally {
            root.end();
        }
    }

    @Benchmark
    public int requestWithTracedCall() {
        Span root = obsTracer.spanBuilder("GET /bench").setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope ignored = root.makeCurrent()) {
            return work.traced();
        } finally {
            root.end();
        }
    }
}
