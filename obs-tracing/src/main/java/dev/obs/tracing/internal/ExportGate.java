package dev.obs.tracing.internal;

import dev.obs.spi.Diagnostics;
import dev.obs.spi.SelfMetric;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The way into the SDK's batch span processor, counting what it cannot take. The processor's queue
 * drops silently when full; the gate admits a span only while fewer than the queue's size are
 * waiting or being exported, so the queue never overflows and every span turned away is counted
 * in {@code obs.spans.dropped{reason="queue_full"}}. {@link #exporter} wraps the exporter to see
 * spans leave, redacted by {@link RedactedSpans}, and to count failed exports.
 */
final class ExportGate extends SampledSpanSink {

    private final int capacity;
    private final SelfMetric queueFull;
    private final SelfMetric exportFailed;
    private final Diagnostics diagnostics;
    private final String endpoint;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong failedInOutage = new java.util.concurrent.atomic.AtomicLong();
    private volatile SpanProcessor batch;
    private final RedactedSpans redaction;

    ExportGate(int capacity, SelfMetric queueFull, SelfMetric exportFailed, Diagnostics diagnostics, String endpoint,
               RedactedSpans redaction) {
        this.capacity = capacity;
        this.redaction = redaction;
        this.queueFull = queueFull;
        this.exportFailed = exportFailed;
        this.diagnostics = diagnostics;
        this.endpoint = endpoint;
    }

    /** Wraps the SDK's exporter (autoconfigure's exporter customizer). */
    SpanExporter exporter(SpanExporter delegate) {
        return new CountingExporter(delegate);
    }

    /** Takes the SDK's batch processor (autoconfigure's processor customizer): sampled spans reach it through the gate. */
    SpanProcessor wrap(SpanProcessor batchProcessor) {
        this.batch = batchProcessor;
        return this;
    }

    @Override
    public void accept(ReadableSpan span) {
        SpanProcessor target = batch;
        if (target == null) {
            return;
        }
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            queueFull.increment();
            return;
        }
        target.onEnd(span);
    }

    @Override
    public CompletableResultCode forceFlush() {
        SpanProcessor target = batch;
        return target == null ? CompletableResultCode.ofSuccess() : target.forceFlush();
    }

    @Override
    public CompletableResultCode shutdown() {
        SpanProcessor target = batch;
        return target == null ? CompletableResultCode.ofSuccess() : target.shutdown();
    }

    private final class CountingExporter implements SpanExporter {
        private final SpanExporter delegate;

        CountingExporter(SpanExporter delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            int n = spans.size();
            pending.addAndGet(-n);
            CompletableResultCode result;
            try {
                result = delegate.export(redaction.redact(spans));
            } catch (RuntimeException e) {
                failed(n, e.toString());
                return CompletableResultCode.ofFailure();
            }
            result.whenComplete(() -> {
                if (result.isSuccess()) {
                    if (failing.compareAndSet(true, false)) {
                        // Every outage, not only the first of the process, gets its two lines.
                        diagnostics.warn("span export to " + endpoint + " works again; " + failedInOutage.getAndSet(0)
                                + " span(s) failed meanwhile and are counted in obs_spans_dropped_total{reason=\"export_failed\"}");
                    }
                } else {
                    Throwable cause = result.getFailureThrowable();
                    failed(n, describe(cause));
                }
            });
            return result;
        }

        // The exporter's failure says little by itself; its root cause (refused, timed out) says what to fix.
        private String describe(Throwable cause) {
            if (cause == null) {
                return "the backend refused the spans or did not answer in time";
            }
            Throwable root = cause;
            for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 16; depth++) {
                root = root.getCause();
            }
            if (root == cause && cause.getMessage() == null) {
                return "the backend answered with an error status";
            }
            return root.toString();
        }

        private void failed(int n, String why) {
            exportFailed.add(n);
            failedInOutage.addAndGet(n);
            if (failing.compareAndSet(false, true)) {
                diagnostics.warn("span export to " + endpoint + " failed (" + why + "); the service is unaffected, spans are "
                        + "dropped and counted in obs_spans_dropped_total{reason=\"export_failed\"} and export retries until "
                        + "the backend is back");
            }
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }

        @Override
        public String toString() {
            return "CountingExporter{" + delegate + "}";
        }
    }
}
