package dev.obs.metrics.internal;

import dev.obs.context.RequestContext;
import io.prometheus.metrics.tracer.common.SpanContext;

/**
 * Tells the Prometheus client's exemplar sampler which trace the current thread works for, read from
 * obs's request context. The tracing module keeps that context in step with its spans, so metrics
 * get exemplars that point at exported traces without knowing about OpenTelemetry.
 *
 * <p>The sampler only records an exemplar when both IDs are present. Without a tracing module a
 * request has a trace ID (core starts or continues one) but no span, so the span ID is given as an
 * empty string: the exemplar still leads to the request's logs through its {@code trace_id}.
 */
public final class RequestContextSpanContext implements SpanContext {

    @Override
    public String getCurrentTraceId() {
        RequestContext context = RequestContext.current();
        return context == null ? null : context.traceId();
    }

    @Override
    public String getCurrentSpanId() {
        RequestContext context = RequestContext.current();
        if (context == null || context.traceId() == null) {
            return null;
        }
        String spanId = context.spanId();
        return spanId == null ? "" : spanId;
    }

    @Override
    public boolean isCurrentSpanSampled() {
        RequestContext context = RequestContext.current();
        return context != null && context.sampled() && context.traceId() != null;
    }

    @Override
    public void markCurrentSpanAsExemplar() {
        // The span lives in the tracing module, which this module must not know; nothing to mark.
    }
}
