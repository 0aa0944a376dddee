package dev.obs.tracing.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * A span recorded without being sampled, kept after all because its request failed or was slow.
 * It says sampled, like every exported span, so that backends and processors treat it as any
 * other; its IDs and parent are those it was recorded with, so the segment is a valid trace.
 */
final class KeptSpan implements ReadableSpan {

    private final SpanData data;
    private final SpanContext context;

    KeptSpan(SpanData recorded) {
        SpanContext original = recorded.getSpanContext();
        this.context = SpanContext.create(original.getTraceId(), original.getSpanId(), TraceFlags.getSampled(),
                original.getTraceState());
        SpanContext parent = recorded.getParentSpanContext();
        SpanContext sampledParent = parent.isValid() && !parent.isRemote()
                ? SpanContext.create(parent.getTraceId(), parent.getSpanId(), TraceFlags.getSampled(), parent.getTraceState())
                : parent;
        this.data = new DelegatingSpanData(recorded) {
            @Override
            public SpanContext getSpanContext() {
                return context;
            }

            @Override
            public SpanContext getParentSpanContext() {
                return sampledParent;
            }
        };
    }

    @Override
    public SpanContext getSpanContext() {
        return context;
    }

    @Override
    public SpanContext getParentSpanContext() {
        return data.getParentSpanContext();
    }

    @Override
    public String getName() {
        return data.getName();
    }

    @Override
    public SpanData toSpanData() {
        return data;
    }

    @Override
    @Deprecated
    public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
        return data.getInstrumentationLibraryInfo();
    }

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
        return data.getInstrumentationScopeInfo();
    }

    @Override
    public boolean hasEnded() {
        return true;
    }

    @Override
    public long getLatencyNanos() {
        return data.getEndEpochNanos() - data.getStartEpochNanos();
    }

    @Override
    public SpanKind getKind() {
        return data.getKind();
    }

    @Override
    public <T> T getAttribute(AttributeKey<T> key) {
        return data.getAttributes().get(key);
    }

    @Override
    public Attributes getAttributes() {
        return data.getAttributes();
    }
}
