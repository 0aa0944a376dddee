package dev.obs.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.sampling.SamplingPolicy;
import dev.obs.spi.SelfMetric;
import dev.obs.spi.SelfMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The keep-errors buffer, driven through a real SDK tracer with obs's sampler at ratio 0. */
class KeepSegmentProcessorTest {

    private static final int MAX_SPANS = 2_048;

    private final Queue<ReadableSpan> kept = new ConcurrentLinkedQueue<>();
    private final SelfMetric bufferFull = new SelfMetrics().counter("obs.spans.dropped", "test", "reason", "keep_buffer_full");
    private final KeepSegmentProcessor keep = new KeepSegmentProcessor(new SamplingPolicy(0.0, 0, true, Duration.ZERO), MAX_SPANS,
            bufferFull, kept::add);
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .setSampler(new PolicySampler(new SamplingPolicy(0.0, 0, true, Duration.ZERO)))
            .addSpanProcessor(keep)
            .build();
    private final Tracer tracer = provider.get("test");
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void close() {
        pool.shutdownNow();
        provider.close();
    }

    @Test
    void aFailedRequestIsExportedWithItsChildrenAndAnOkOneIsForgotten() {
        Span failed = tracer.spanBuilder("GET /fail").setSpanKind(SpanKind.SERVER).startSpan();
        Span child = tracer.spanBuilder("work").setParent(Context.root().with(failed)).startSpan();
        child.end();
        failed.setStatus(StatusCode.ERROR);
        failed.end();
        Span ok = tracer.spanBuilder("GET /ok").setSpanKind(SpanKind.SERVER).startSpan();
        tracer.spanBuilder("work").setParent(Context.root().with(ok)).startSpan().end();
        ok.end();

        assertThat(kept).extracting(ReadableSpan::getName).containsExactly("work", "GET /fail");
        assertThat(kept).allMatch(span -> span.getSpanContext().isSampled());
        assertThat(kept.peek().getParentSpanContext().getSpanId()).isEqualTo(failed.getSpanContext().getSpanId());
        assertThat(keep.held()).isZero();
        assertThat(keep.openSegments()).isZero();
    }

    /**
     * Children ending on other threads while their root ends: no child may be left counted in a
     * segment that is gone. Before the fix, a child could be added to a segment just removed, and
     * {@code held} crept up until every child of every unsampled request was refused.
     */
    @Test
    void childrenEndingWhileTheirRootEndsAreNeverLeftBehind() throws Exception {
        int batches = 800;
        int requestsPerBatch = 50; // at most 550 spans waiting at once: well under the buffer's 2,048
        int threads = 4;
        AtomicInteger failedRequests = new AtomicInteger();
        AtomicReference<List<Runnable>> batch = new AtomicReference<>();
        // Each batch: its requests' spans are started, then the threads end interleaved slices of them at once.
        CyclicBarrier next = new CyclicBarrier(threads, () -> batch.set(startRequests(requestsPerBatch, 10, failedRequests)));
        CyclicBarrier ended = new CyclicBarrier(threads);
        CountDownLatch done = new CountDownLatch(threads);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            int offset = t;
            pool.execute(() -> {
                try {
                    for (int b = 0; b < batches; b++) {
                        next.await(1, TimeUnit.MINUTES);
                        List<Runnable> ends = batch.get();
                        for (int i = offset; i < ends.size(); i += threads) {
                            ends.get(i).run();
                        }
                        ended.await(1, TimeUnit.MINUTES);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(3, TimeUnit.MINUTES)).isTrue();
        assertThat(failures).isEmpty();

        assertThat(keep.openSegments()).as("segments left open").isZero();
        assertThat(keep.held()).as("children still counted as waiting, with no open segment").isZero();
        assertThat(bufferFull.value()).as("children refused because the buffer looked full").isZero();
        long keptRoots = kept.stream().filter(span -> span.getName().equals("GET /r")).count();
        assertThat(keptRoots).isEqualTo(failedRequests.get());

        // And the buffer still takes the children of the next request.
        Span root = tracer.spanBuilder("GET /after").setSpanKind(SpanKind.SERVER).startSpan();
        tracer.spanBuilder("child-after").setParent(Context.root().with(root)).startSpan().end();
        root.setStatus(StatusCode.ERROR);
        root.end();
        assertThat(kept).extracting(ReadableSpan::getName).contains("child-after");
    }

    /** Starts {@code requests} requests of {@code children} children each; returns their ends, each root's among its children's. */
    private List<Runnable> startRequests(int requests, int children, AtomicInteger failed) {
        List<Runnable> ends = new ArrayList<>(requests * (children + 1));
        for (int r = 0; r < requests; r++) {
            Span root = tracer.spanBuilder("GET /r").setSpanKind(SpanKind.SERVER).startSpan();
            Context parent = Context.root().with(root);
            for (int c = 0; c < children; c++) {
                Span child = tracer.spanBuilder("child").setParent(parent).startSpan();
                ends.add(child::end);
            }
            boolean fail = ThreadLocalRandom.current().nextInt(10) == 0;
            if (fail) {
                failed.incrementAndGet();
            }
            // The root's end lands among its own children's ends: they race with it.
            int at = ends.size() - ThreadLocalRandom.current().nextInt(children);
            ends.add(at, () -> {
                if (fail) {
                    root.setStatus(StatusCode.ERROR);
                }
                root.end();
            });
        }
        return ends;
    }
}
