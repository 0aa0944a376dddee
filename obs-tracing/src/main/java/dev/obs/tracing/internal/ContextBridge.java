package dev.obs.tracing.internal;

import dev.obs.context.RequestContext;
import dev.obs.context.RequestIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * How obs's {@link RequestContext} and OpenTelemetry's {@link Context} hold each other, so that
 * there is one thread-local and the two views cannot disagree:
 *
 * <ul>
 *   <li>the current OpenTelemetry {@code Context} carries the current {@code RequestContext} under
 *       {@link #REQUEST};</li>
 *   <li>a {@code RequestContext} carries the OpenTelemetry {@code Context} it belongs to (the span,
 *       the baggage, whatever libraries keep there) under {@link #OTEL}, so that re-attaching a
 *       captured request context on another thread restores its span too.</li>
 * </ul>
 */
public final class ContextBridge {

    /** Where the OpenTelemetry context keeps obs's request context. */
    public static final ContextKey<RequestContext> REQUEST = ContextKey.named("obs.request");

    /** Where a request context keeps its OpenTelemetry context (its {@link #REQUEST} entry is stale and replaced on attach). */
    public static final dev.obs.context.ContextKey<Context> OTEL = dev.obs.context.ContextKey.named("obs.otel.context");

    private ContextBridge() {
    }

    /** The OpenTelemetry context to attach for {@code context}. */
    public static Context toOtel(RequestContext context) {
        if (context == null) {
            return Context.root();
        }
        Context carried = context.get(OTEL);
        if (carried == null) {
            carried = fromIds(context);
        }
        return carried.with(REQUEST, context);
    }

    // A request context made without the tracing module (core's own trace IDs): continue its trace.
    private static Context fromIds(RequestContext context) {
        if (context.traceId() == null || context.spanId() == null) {
            return Context.root();
        }
        SpanContext parent = SpanContext.createFromRemoteParent(context.traceId(), context.spanId(),
                context.sampled() ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
        return parent.isValid() ? Context.root().with(Span.wrap(parent)) : Context.root();
    }

    /** The span a request context runs in, or {@code null}. */
    public static Span spanOf(RequestContext context) {
        if (context == null) {
            return null;
        }
        Context carried = context.get(OTEL);
        return carried == null ? null : Span.fromContextOrNull(carried);
    }

    /**
     * {@code context} (or a new one when {@code null}) in step with {@code span}: its trace ID,
     * span ID and sampling decision, carrying {@code otel} as its OpenTelemetry context. An invalid
     * span leaves the IDs as they are.
     */
    public static RequestContext withSpan(RequestContext context, Span span, Context otel) {
        SpanContext sc = span.getSpanContext();
        RequestContext base = context != null ? context : RequestContext.newRequest(RequestIds.generate());
        if (!sc.isValid()) {
            // No real span (the SDK is shut down while the process stops): never spread an all-zero
            // trace ID; the context keeps the trace it had, or core gives it one.
            return base.with(OTEL, otel);
        }
        return base.withTrace(sc.getTraceId(), sc.getSpanId(), sc.isSampled()).with(OTEL, otel);
    }
}
