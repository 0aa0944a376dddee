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

    /**
     * The unsampled spans of one trace in this process, waiting for their local root(s). Only read
     * or changed inside {@code segments.compute*} for its trace ID, that is under the map's lock
     * for that key: a child is added to a segment only while it is in the map, so a root that
     * removes the segment always takes (and uncounts) every child that was added to it.
     */
    private static final class Segment {
        int openRoots;
        // Finished spans as the SDK left them: turned into SpanData only if the segment is kept.
        final List<ReadableSpan> spans = new ArrayList<>(4);
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
        boolean[] full = new boolean[1];
        segments.compute(span.getSpanContext().getTraceId(), (traceId, segment) -> {
            if (segment == null) {
                if (segments.size() >= maxSpans) {
                    // Roots that never end (a span someone forgot to end) must not grow the map without bound.
                    full[0] = true;
                    return null;
                }
                segment = new Segment();
            }
            segment.openRoots++;
            return segment;
        });
        if (full[0]) {
            bufferFull.increment();
        }
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
            hold(traceId, span);
            return;
        }
        SpanData root = span.toSpanData();
        boolean keep = (keepErrors && root.getStatus().getStatusCode() == StatusCode.ERROR)
                || (slowerThanNanos > 0 && root.getEndEpochNanos() - root.getStartEpochNanos() > slowerThanNanos);
        List<ReadableSpan> waiting = new ArrayList<>();
        segments.computeIfPresent(traceId, (id, segment) -> {
            if (keep || segment.openRoots <= 1) {
                waiting.addAll(segment.spans);
                segment.spans.clear();
            }
            segment.openRoots--;
            return segment.openRoots <= 0 ? null : segment;
        });
        held.addAndGet(-waiting.size());
        if (!keep) {
            return;
        }
        for (ReadableSpan child : waiting) {
            send(new KeptSpan(child.toSpanData()));
        }
        send(new KeptSpan(root));
    }

    /** Adds a finished child to its open segment, atomically with the root's removal of that segment. */
    private void hold(String traceId, ReadableSpan span) {
        if (held.incrementAndGet() > maxSpans) {
            held.decrementAndGet();
            if (segments.containsKey(traceId)) {
                bufferFull.increment();
            }
            return;
        }
        Segment segment = segments.computeIfPresent(traceId, (id, open) -> {
            open.spans.add(span);
            return open;
        });
        if (segment == null) {
            held.decrementAndGet(); // its root has ended already: the decision was taken without it
        }
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
