package dev.obs.tracing.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * A span processor that hands every finished sampled span to {@link #accept}; spans recorded only
 * for keep-errors reach {@code accept} through the keep buffer instead, once their request is kept.
 */
abstract class SampledSpanSink implements SpanProcessor, SpanSink {

    @Override
    public final void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public final boolean isStartRequired() {
        return false;
    }

    @Override
    public final void onEnd(ReadableSpan span) {
        if (span.getSpanContext().isSampled()) {
            accept(span);
        }
    }

    @Override
    public final boolean isEndRequired() {
        return true;
    }
}
