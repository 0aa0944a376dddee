package dev.obs.tracing.internal;

import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The most recent finished spans that were sampled (or kept), in a fixed ring: a finished span
 * costs one array store, and {@link SpanData} is only built when someone reads.
 */
final class RecentSpans extends SampledSpanSink {

    private final AtomicReferenceArray<ReadableSpan> ring;
    private final AtomicLong written = new AtomicLong();

    private final RedactedSpans redaction;

    RecentSpans(int capacity, RedactedSpans redaction) {
        this.ring = new AtomicReferenceArray<>(Math.max(1, capacity));
        this.redaction = redaction;
    }

    @Override
    public void accept(ReadableSpan span) {
        long n = written.getAndIncrement();
        ring.set((int) (n % ring.length()), span);
    }

    /** The spans held, oldest first, redacted as they would be exported. */
    List<SpanData> snapshot() {
        long end = written.get();
        long start = Math.max(0, end - ring.length());
        List<SpanData> out = new ArrayList<>((int) (end - start));
        for (long i = start; i < end; i++) {
            ReadableSpan span = ring.get((int) (i % ring.length()));
            if (span != null) {
                out.add(redaction.redact(span.toSpanData()));
            }
        }
        return out;
    }

    void clear() {
        for (int i = 0; i < ring.length(); i++) {
            ring.set(i, null);
        }
    }
}
