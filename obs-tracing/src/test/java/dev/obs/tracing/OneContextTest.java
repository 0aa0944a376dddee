package dev.obs.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.context.ContextPropagation;
import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import dev.obs.tracing.support.Obs;
import dev.obs.tracing.support.ProbeModule;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request context and OpenTelemetry's context are one: both views always agree. */
class OneContextTest {

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void reset() {
        pool.shutdownNow();
        Observability.resetForTesting();
    }

    @Test
    void aTracedBlockIsTheCurrentSpanForBothViews() {
        Observability obs = Obs.install("obs.traces.sample.ratio", "1");
        try (ContextScope ignored = RequestContext.newRequest("req-1").makeCurrent()) {
            obs.trace("outer", () -> {
                SpanIds inside = SpanIds.now();
                assertThat(inside.requestSpanId).isEqualTo(inside.otelSpanId).isNotNull();
                assertThat(inside.requestTraceId).isEqualTo(inside.otelTraceId);
                assertThat(RequestContext.current().requestId()).isEqualTo("req-1");
                assertThat(RequestContext.current().sampled()).isTrue();
                assertThat(ProbeModule.MIRROR.get().spanId()).isEqualTo(inside.otelSpanId);
            });
            assertThat(Span.current().getSpanContext().isValid()).isFalse();
            assertThat(RequestContext.current().requestId()).isEqualTo("req-1");
        }
        assertThat(RequestContext.current()).isNull();
        assertThat(ProbeModule.MIRROR.get()).isNull();
    }

    @Test
    void aSpanMadeCurrentThroughTheOpenTelemetryApiIsWhatLogsSee() {
        Obs.install("obs.traces.sample.ratio", "1");
        Tracer tracer = GlobalOpenTelemetry.getTracer("com.acme.payments");
        try (ContextScope ignored = RequestContext.newRequest("req-2").makeCurrent()) {
            Span span = tracer.spanBuilder("charge").startSpan();
            try (Scope scope = span.makeCurrent()) {
                RequestContext now = RequestContext.current();
                assertThat(now.spanId()).isEqualTo(span.getSpanContext().getSpanId());
                assertThat(now.traceId()).isEqualTo(span.getSpanContext().getTraceId());
                assertThat(now.requestId()).isEqualTo("req-2");
                // the listener-driven view (the logging module's MDC) was told
                assertThat(ProbeModule.MIRROR.get().spanId()).isEqualTo(span.getSpanContext().getSpanId());
            } finally {
                span.end();
            }
            assertThat(RequestContext.current().spanId()).isNull();
            assertThat(ProbeModule.MIRROR.get().requestId()).isEqualTo("req-2");
            assertThat(ProbeModule.MIRROR.get().spanId()).isNull();
        }
    }

    @Test
    void aCapturedRequestContextRestoresItsSpanOnAnotherThread() throws Exception {
        Observability obs = Obs.install("obs.traces.sample.ratio", "1");
        ExecutorService wrapped = ContextPropagation.wrap(pool);
        AtomicReference<SpanIds> seen = new AtomicReference<>();
        AtomicReference<SpanIds> expected = new AtomicReference<>();
        try (ContextScope ignored = RequestContext.newRequest("req-3").makeCurrent()) {
            obs.trace("submit", () -> {
                expected.set(SpanIds.now());
                try {
                    wrapped.submit(() -> seen.set(SpanIds.now())).get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
        assertThat(seen.get().otelSpanId).isEqualTo(expected.get().otelSpanId).isEqualTo(seen.get().requestSpanId);
        // and nothing leaks into the next task of the pooled thread
        SpanIds after = pool.submit(SpanIds::now).get(5, TimeUnit.SECONDS);
        assertThat(after.requestSpanId).isNull();
        assertThat(after.otelSpanId).isEqualTo(Span.getInvalid().getSpanContext().getSpanId());
    }

    @Test
    void anOpenTelemetryWrappedTaskCarriesTheRequestAndTellsTheListeners() throws Exception {
        Observability obs = Obs.install("obs.traces.sample.ratio", "1");
        AtomicReference<String> mirrored = new AtomicReference<>();
        AtomicReference<String> current = new AtomicReference<>();
        try (ContextScope ignored = RequestContext.newRequest("req-4").makeCurrent()) {
            obs.trace("outer", () -> {
                Runnable task = Context.current().wrap(() -> {
                    current.set(RequestContext.current().requestId());
                    mirrored.set(ProbeModule.MIRROR.get().requestId());
                });
                try {
                    pool.submit(task).get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
        assertThat(current.get()).isEqualTo("req-4");
        assertThat(mirrored.get()).isEqualTo("req-4");
        assertThat(pool.submit(() -> ProbeModule.MIRROR.get()).get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aRecordedSpanOutsideAnyRequestGetsAContextOfItsOwn() {
        Observability obs = Obs.install("obs.traces.sample.ratio", "1");
        obs.trace("nightly-job", () -> {
            RequestContext now = RequestContext.current();
            assertThat(now).isNotNull();
            assertThat(now.spanId()).isEqualTo(Span.current().getSpanContext().getSpanId());
        });
        assertThat(RequestContext.current()).isNull();
    }

    private static final class SpanIds {
        String requestTraceId;
        String requestSpanId;
        String otelTraceId;
        String otelSpanId;

        static SpanIds now() {
            SpanIds ids = new SpanIds();
            RequestContext rc = RequestContext.current();
            ids.requestTraceId = rc == null ? null : rc.traceId();
            ids.requestSpanId = rc == null ? null : rc.spanId();
            ids.otelTraceId = Span.current().getSpanContext().getTraceId();
            ids.otelSpanId = Span.current().getSpanContext().getSpanId();
            return ids;
        }
    }
}
