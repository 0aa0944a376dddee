package dev.obs.tracing.internal;

import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import dev.obs.instrument.ObservedMethod;
import dev.obs.spi.MethodCall;
import dev.obs.spi.MethodObserver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;

/**
 * A span around every {@code @Traced} method and {@code Observability.trace(...)} block: named
 * {@link ObservedMethod#spanName()}, kind INTERNAL, with {@code code.namespace} and
 * {@code code.function}. The span is current while the method runs, so log lines inside carry its
 * ID; it ends when the method returns, or when the {@code CompletionStage} it returned completes.
 *
 * <p>Inside a request that is neither sampled nor recorded, a call costs one thread-local read and
 * a few field reads, and {@link #enter} returns {@code null}. Inside a request that is not sampled
 * but recorded in case it fails or is slow (keep-errors, the default), the call is a
 * {@link PendingSpan}: a few fields, turned into a span only if the request is kept.
 */
final class TracedMethodObserver implements MethodObserver {

    private final Tracer tracer;
    private final ContextStorage raw;
    private final SpanErrors errors;
    private final KeepSegmentProcessor keep;

    TracedMethodObserver(Tracer tracer, ContextStorage raw, SpanErrors errors, KeepSegmentProcessor keep) {
        this.tracer = tracer;
        this.raw = raw;
        this.errors = errors;
        this.keep = keep;
    }

    @Override
    public boolean observes(ObservedMethod method) {
        return method.traced();
    }

    @Override
    public MethodCall enter(ObservedMethod method) {
        Context parent = raw.current();
        if (parent == null) {
            parent = Context.root();
        }
        Span parentSpan = Span.fromContextOrNull(parent);
        if (parentSpan instanceof PendingSpan) {
            return pending(method, parent, (PendingSpan) parentSpan, ((PendingSpan) parentSpan).segment);
        }
        if (parentSpan != null && !parentSpan.getSpanContext().isSampled() && parentSpan.getSpanContext().isValid()
                && !parentSpan.getSpanContext().isRemote()) {
            if (!parentSpan.isRecording()) {
                return null; // the request was not sampled and nothing of it is kept
            }
            if (keep != null) {
                KeepSegmentProcessor.Segment segment = keep.openSegment(parentSpan.getSpanContext().getTraceId());
                return segment == null ? null : pending(method, parent, parentSpan, segment);
            }
        }
        SpanBuilder builder = tracer.spanBuilder(method.spanName()).setParent(parent).setSpanKind(SpanKind.INTERNAL);
        Span span = builder.startSpan();
        if (span.isRecording()) {
            if (!method.className().isEmpty()) {
                span.setAttribute(SemanticAttributes.CODE_NAMESPACE, method.className());
            }
            span.setAttribute(SemanticAttributes.CODE_FUNCTION, method.methodName());
        } else if (parentSpan != null) {
            return null; // dropped with its parent
        }
        // Also when a new trace was not sampled: being current, the decision holds for the calls inside.
        RequestContext context = parent.get(ContextBridge.REQUEST);
        ContextScope scope = ContextBridge.withSpan(context, span, parent.with(span)).makeCurrent();
        return new TracedCall(span, scope, errors);
    }

    /**
     * In a request recorded only in case it fails or is slow: a {@link PendingSpan}, current in
     * OpenTelemetry's context (so that spans inside are its children) but not in obs's request
     * context, whose IDs stay the request's: log lines inside carry the request's span ID, and the
     * MDC is not touched.
     */
    private MethodCall pending(ObservedMethod method, Context parent, Span parentSpan, KeepSegmentProcessor.Segment segment) {
        PendingSpan span = new PendingSpan(segment, parentSpan.getSpanContext(), method.spanName(), method.className(),
                method.methodName());
        return new PendingCall(span, raw.attach(parent.with(span)), errors);
    }

    private static final class PendingCall implements MethodCall {
        private final PendingSpan span;
        private final SpanErrors errors;
        private Scope scope;

        PendingCall(PendingSpan span, Scope scope, SpanErrors errors) {
            this.span = span;
            this.scope = scope;
            this.errors = errors;
        }

        @Override
        public void leave() {
            Scope s = scope;
            if (s != null) {
                scope = null;
                s.close();
            }
        }

        @Override
        public void complete(Throwable error) {
            if (error != null) {
                errors.failed(span, error);
            }
            span.end();
        }
    }

    private static final class TracedCall implements MethodCall {
        private final Span span;
        private final SpanErrors errors;
        private ContextScope scope;

        TracedCall(Span span, ContextScope scope, SpanErrors errors) {
            this.span = span;
            this.scope = scope;
            this.errors = errors;
        }

        @Override
        public void leave() {
            ContextScope s = scope;
            if (s != null) {
                scope = null;
                s.close();
            }
        }

        @Override
        public void complete(Throwable error) {
            if (error != null && span.isRecording()) {
                errors.failed(span, error);
            }
            span.end();
        }
    }
}
