package dev.obs.tracing.internal;

import dev.obs.sampling.SamplingPolicy;
import dev.obs.spi.SelfMetric;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanLimits;
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
        private final long anchorNanoTime = System.nanoTime();
        private volatile long anchorEpochNanos; // taken when the first pending span starts: most segments have none
        private int openRoots;
        private volatile boolean closed;
        private List<ReadableSpan> spans;
        private List<PendingSpan> pending;
        private ServerSpanObserver.ServerCall deferred; // roots whose attributes wait, linked through next

        long epochNanos(long nanoTime) {
            long anchor = anchorEpochNanos;
            if (anchor == 0) {
                anchor = anchor();
            }
            return anchor + (nanoTime - anchorNanoTime);
        }

        /** Anchors the segment's clock to the wall clock, if no span did before: when its first pending span starts. */
        void anchorClock() {
            if (anchorEpochNanos == 0) {
                anchor();
            }
        }

        private synchronized long anchor() {
            long anchor = anchorEpochNanos;
            if (anchor == 0) {
                anchor = Clock.getDefault().now() - (System.nanoTime() - anchorNanoTime);
                anchorEpochNanos = anchor;
            }
            return anchor;
        }

        /**
         * The attributes of {@code call}'s span wait here until it ends, and are given to it only if
         * it is kept; {@code false} when the segment is closed already (set them on the span then).
         */
        synchronized boolean defer(ServerSpanObserver.ServerCall call) {
            if (closed) {
                return false;
            }
            call.markDeferred();
            call.next = deferred;
            deferred = call;
            return true;
        }

        // under the segment's monitor
        private ServerSpanObserver.ServerCall takeDeferred(ReadableSpan root) {
            ServerSpanObserver.ServerCall previous = null;
            for (ServerSpanObserver.ServerCall call = deferred; call != null; previous = call, call = call.next) {
                if (call.span == root) {
                    if (previous == null) {
                        deferred = call.next;
                    } else {
                        previous.next = call.next;
                    }
                    call.next = null;
                    return call;
                }
            }
            return null;
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

    // The segment the server span just started on this thread opened or joined, for ServerSpanObserver.
    private static final ThreadLocal<ReadableSpan> STARTED_ROOT = new ThreadLocal<>();
    private static final ThreadLocal<Segment> STARTED_SEGMENT = new ThreadLocal<>();

    /**
     * The segment {@code span} opened or joined when it started, if it is an unsampled server span
     * that this thread has just started and whose segment is held; {@code null} otherwise.
     */
    static Segment takeStarted(io.opentelemetry.api.trace.Span span) {
        Segment segment = STARTED_SEGMENT.get();
        if (segment == null) {
            return null;
        }
        ReadableSpan root = STARTED_ROOT.get();
        STARTED_SEGMENT.set(null);
        STARTED_ROOT.set(null);
        return root == span ? segment : null;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (span.getSpanContext().isSampled() || !isLocalRoot(span)) {
            return;
        }
        String traceId = span.getSpanContext().getTraceId();
        Segment segment = segments.get(traceId);
        while (true) {
            if (segment != null) {
                synchronized (segment) {
                    if (!segment.closed) {
                        segment.openRoots++;
                        break;
                    }
                }
            }
            if (segments.size() >= maxSpans) {
                // Roots that never end (a span someone forgot to end) must not grow the map without bound.
                bufferFull.increment();
                return;
            }
            Segment fresh = new Segment();
            fresh.openRoots = 1; // before it is published
            if (segment == null ? segments.putIfAbsent(traceId, fresh) == null : segments.replace(traceId, segment, fresh)) {
                segment = fresh;
                break;
            }
            segment = segments.get(traceId); // another root of this trace got there first
        }
        if (span.getKind() == SpanKind.SERVER) {
            STARTED_ROOT.set(span);
            STARTED_SEGMENT.set(segment);
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
        ServerSpanObserver.ServerCall deferred;
        boolean last;
        synchronized (segment) {
            if (segment.closed) {
                return;
            }
            deferred = segment.takeDeferred(span);
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
        send(new KeptSpan(deferred == null ? root : deferred.attributesOver(root, spanLimits())));
    }

    private volatile SpanLimits spanLimits;

    /** The limits the SDK applies to spans' attributes, for attributes given to a span once it is kept. */
    private SpanLimits spanLimits() {
        SpanLimits limits = spanLimits;
        if (limits == null) {
            TracingRuntime runtime = TracingRuntime.current();
            if (runtime == null || !(runtime.openTelemetry() instanceof OpenTelemetrySdk)) {
                return SpanLimits.getDefault(); // a processor outside obs's runtime (tests)
            }
            limits = ((OpenTelemetrySdk) runtime.openTelemetry()).getSdkTracerProvider().getSpanLimits();
            spanLimits = limits;
        }
        return limits;
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
