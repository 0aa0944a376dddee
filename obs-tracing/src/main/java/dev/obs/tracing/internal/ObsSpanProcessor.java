package dev.obs.tracing.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * The one span processor obs registers with the SDK. A sampled span that ends goes to the sinks
 * (export gate, in-memory ring, console); an unsampled one to the keep buffer, which hands it to
 * the same sinks if its request is kept. One virtual call per span start and end, instead of the
 * SDK's fan-out over a processor per sink, each asking the span whether it was sampled.
 */
final class ObsSpanProcessor implements SpanProcessor {

    private final SpanSink[] sinks;
    private final KeepSegmentProcessor keep;
    private final ExportGate gate;

    /**
     * @param sinks where sampled spans go, in order
     * @param keep  the keep buffer for unsampled requests, or {@code null} when none is kept
     * @param gate  the export gate, flushed and shut down with this processor
     */
    ObsSpanProcessor(SpanSink[] sinks, KeepSegmentProcessor keep, ExportGate gate) {
        this.sinks = sinks.clone();
        this.keep = keep;
        this.gate = gate;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (keep != null) {
            keep.onStart(parentContext, span);
        }
    }

    @Override
    public boolean isStartRequired() {
        return keep != null;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        if (span.getSpanContext().isSampled()) {
            for (SpanSink sink : sinks) {
                sink.accept(span);
            }
        } else if (keep != null) {
            keep.onEnd(span);
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Override
    public CompletableResultCode forceFlush() {
        return gate.forceFlush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return gate.shutdown();
    }
}
