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

/**
 * A span around every {@code @Traced} method and {@code Observability.trace(...)} block: named
 * {@link ObservedMethod#spanName()}, kind INTERNAL, with {@code code.namespace} and
 * {@code code.function}. The span is current while the method runs, so log lines inside carry its
 * ID; it ends when the method returns, or when the {@code CompletionStage} it returned completes.
 *
 * <p>Inside a request that is neither sampled nor recorded, a call costs one thread-local read and
 * a few field reads, and {@link #enter} returns {@code null}.
 */
final class TracedMethodObserver implements MethodObserver {

    private final Tracer tracer;
    private final ContextStorage raw;
    private final SpanErrors errors;

    TracedMethodObserver(Tracer tracer, ContextStorage raw, SpanErrors errors) {
        this.tracer = tracer;
        this.raw = raw;
        this.errors = errors;
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
        if (parentSpan != null && !parentSpan.isRecording() && !parentSpan.getSpanContext().isSampled()
                && parentSpan.getSpanContext().isValid()) {
            return null; // the request was not sampled and nothing of it is kept
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
