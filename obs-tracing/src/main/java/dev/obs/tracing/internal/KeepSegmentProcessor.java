package dev.obs.tracing.internal;

import dev.obs.sampling.SamplingPolicy;
import dev.obs.spi.SelfMetric;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
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
 * segment goes to the sinks as sampled spans; otherwise it is forgotten. What waits is what the
 * SDK left (finished SDK spans) or, for {@code @Traced} calls, a {@link PendingSpan}: either is
 * turned into {@link SpanData} only when its segment is kept.
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
     * The unsampled spans of one trace in this process, waiting for their local root(s). Its spans,
     * roots and {@code closed} are read and changed only under its monitor: a child is added only
     * while the segment is open, and the last root closes it and takes every child in one step, so
     * no child is left counted in a segment that is gone.
     */
    final class Segment {
        private final long anchorEpochNanos = Clock.getDefault().now();
        private final long anchorNanoTime = System.nanoTime();
        private int openRoots;
        private volatile boolean closed;
        private List<ReadableSpan> spans;
        private List<PendingSpan> pending;

        long epochNanos(long nanoTime) {
            return anchorEpochNanos + (nanoTime - anchorNanoTime);
        }

        /** A pending span ended: it waits with the others, unless its root has ended already. */
        void end(PendingSpan span, long nanoTime) {
            synchronized (this) {
                if (span.ended) {
                    return;
                }
                span.ended = true;
                span.endNanoTime = nanoTime;
                if (closed) {
                    return; // its root has ended already: the decision was taken without it
                }
                if (held.incrementAndGet() > maxSpans) {
                    held.decrementAndGet();
                } else {
                    if (pending == null) {
                        pending = new ArrayList<>(4);
                    }
                    pending.add(span);
                    return;
                }
            }
            bufferFull.increment();
        }

        private synchronized boolean add(ReadableSpan span) {
            if (closed) {
                return true;
            }
            if (held.incrementAndGet() > maxSpans) {
                held.decrementAndGet();
                return false;
            }
            if (spans == null) {
                spans = new ArrayList<>(4);
            }
            spans.add(span);
            return true;
        }
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

    /** The open segment of {@code traceId}, where a pending span of that trace waits; {@code null} if there is none. */
    Segment openSegment(String traceId) {
        return segments.get(traceId);
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (span.getSpanContext().isSampled() || !isLocalRoot(span)) {
            return;
        }
        boolean[] full = new boolean[1];
        segments.compute(span.getSpanContext().getTraceId(), (traceId, segment) -> {
            if (segment == null || segment.closed) {
                if (segments.size() >= maxSpans) {
                    // Roots that never end (a span someone forgot to end) must not grow the map without bound.
                    full[0] = true;
                    return segment;
                }
                segment = new Segment();
            }
            synchronized (segment) {
                segment.openRoots++;
            }
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
        Segment segment = segments.get(traceId);
        if (segment == null) {
            return; // its root has ended already (or was never held): the decision was taken without it
        }
        if (!isLocalRoot(span)) {
            if (!segment.add(span)) {
                bufferFull.increment();
            }
            return;
        }
        SpanData root = span.toSpanData();
        boolean keep = (keepErrors && root.getStatus().getStatusCode() == StatusCode.ERROR)
                || (slowerThanNanos > 0 && root.getEndEpochNanos() - root.getStartEpochNanos() > slowerThanNanos);
        List<ReadableSpan> spans = null;
        List<PendingSpan> pending = null;
        boolean last;
        synchronized (segment) {
            if (segment.closed) {
                return;
            }
            segment.openRoots--;
            last = segment.openRoots <= 0;
            if (keep || last) {
                spans = segment.spans;
                pending = segment.pending;
                segment.spans = null;
                segment.pending = null;
            }
            if (last) {
                segment.closed = true;
            }
        }
        if (last) {
            segments.remove(traceId, segment);
        }
        int taken = (spans == null ? 0 : spans.size()) + (pending == null ? 0 : pending.size());
        if (taken > 0) {
            held.addAndGet(-taken);
        }
        if (!keep) {
            return;
        }
        if (pending != null) {
            for (PendingSpan child : pending) {
                send(new KeptSpan(child.toSpanData(root.getResource())));
            }
        }
        if (spans != null) {
            for (ReadableSpan child : spans) {
                send(new KeptSpan(child.toSpanData()));
            }
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

    /** Spans waiting for their root (for tests and diagnostics). */
    int held() {
        return held.get();
    }

    /** Requests whose segment is open (for tests and diagnostics). */
    int openSegments() {
        return segments.size();
    }
}
