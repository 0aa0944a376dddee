package dev.obs.tracing.internal;

import dev.obs.sampling.SamplingPolicy;
import dev.obs.spi.SelfMetric;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the traces of failed and slow requests that head sampling said no to.
 *
 * <p>Unsampled spans are recorded (not exported) while {@link SamplingPolicy#keepsAnyUnsampled()}.
 * Finished spans of such a segment wait here until its local root (the server span, or the first
 * span without a local parent) ends. If the root failed (status ERROR: a 5xx or an exception) and
 * errors are kept, or it took longer than {@link SamplingPolicy#keepSlowerThan()}, the whole
 * segment goes to the sinks as sampled spans; otherwise it is forgotten.
 *
 * <p>Memory is bounded: at most {@code maxSpans} spans wait across all requests; past that, spans
 * are dropped and counted ({@code keep_buffer_full}). A child that ends after its root is not kept.
 */
final class KeepSegmentProcessor implements SpanProcessor {

    private final boolean keepErrors;
    private final long slowerThanNanos;
    private final int maxSpans;
    private final SpanSink[] sinks;
    private final SelfMetric bufferFull;
    private final ConcurrentHashMap<String, Segment> segments = new ConcurrentHashMap<>();
    private final AtomicInteger held = new AtomicInteger();

    /** The unsampled spans of one trace in this process, waiting for their local root(s). */
    private static final class Segment {
        int openRoots;
        final List<SpanData> spans = new ArrayList<>();
    }

    KeepSegmentProcessor(SamplingPolicy policy, int maxSpans, SelfMetric bufferFull, SpanSink... sinks) {
        this.keepErrors = policy.keepErrors();
        this.slowerThanNanos = policy.keepSlowerThan().toNanos();
        this.maxSpans = maxSpans;
        this.bufferFull = bufferFull;
        this.sinks = sinks.clone();
    }

    private static boolean isLocalRoot(ReadableSpan span) {
        SpanContext parent = span.getParentSpanContext();
        return !parent.isValid() || parent.isRemote();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (span.getSpanContext().isSampled() || !isLocalRoot(span)) {
            return;
        }
        if (segments.size() >= maxSpans) {
            // Roots that never end (a span someone forgot to end) must not grow the map without bound.
            bufferFull.increment();
            return;
        }
        segments.compute(span.getSpanContext().getTraceId(), (traceId, segment) -> {
            Segment s = segment != null ? segment : new Segment();
            s.openRoots++;
            return s;
        });
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        SpanContext context = span.getSpanContext();
        if (context.isSampled()) {
            return;
        }
        String traceId = context.getTraceId();
        if (!isLocalRoot(span)) {
            Segment segment = segments.get(traceId);
            if (segment == null) {
                return; // its root has ended already: the decision was taken without it
            }
            if (held.incrementAndGet() > maxSpans) {
                held.decrementAndGet();
                bufferFull.increment();
                return;
            }
            SpanData data = span.toSpanData();
            synchronized (segment) {
                segment.spans.add(data);
            }
            return;
        }
        SpanData root = span.toSpanData();
        boolean keep = (keepErrors && root.getStatus().getStatusCode() == StatusCode.ERROR)
                || (slowerThanNanos > 0 && root.getEndEpochNanos() - root.getStartEpochNanos() > slowerThanNanos);
        List<SpanData> waiting = new ArrayList<>();
        segments.computeIfPresent(traceId, (id, segment) -> {
            synchronized (segment) {
                if (keep || segment.openRoots <= 1) {
                    waiting.addAll(segment.spans);
                    segment.spans.clear();
                }
                segment.openRoots--;
                return segment.openRoots <= 0 ? null : segment;
            }
        });
        held.addAndGet(-waiting.size());
        if (!keep) {
            return;
        }
        for (SpanData data : waiting) {
            send(new KeptSpan(data));
        }
        send(new KeptSpan(root));
    }

    private void send(ReadableSpan kept) {
        for (SpanSink sink : sinks) {
            sink.accept(kept);
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }
}
