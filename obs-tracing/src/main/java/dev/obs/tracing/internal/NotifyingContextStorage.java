package dev.obs.tracing.internal;

import dev.obs.context.RequestContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.ContextStorageProvider;
import io.opentelemetry.context.Scope;
import java.util.function.Consumer;

/**
 * OpenTelemetry's context storage, as seen by code that uses the OpenTelemetry API directly
 * ({@code span.makeCurrent()}, {@code Context.current().wrap(task)}). When obs is installed it keeps
 * obs's request context in step with the span being made current and tells obs's context listeners
 * (the MDC of the logging module), so that {@code trace_id}/{@code span_id} in logs, metrics and
 * errors are always those of the current span.
 *
 * <p>Registered through {@link ContextStorageProvider} so that it is in place whenever the context
 * is first used, even before obs is installed; until then, and after obs closes, it only forwards.
 * obs's own attaches bypass it (see {@link #raw()}): core tells the listeners itself.
 */
public final class NotifyingContextStorage implements ContextStorage {

    private static volatile NotifyingContextStorage created;

    private final ContextStorage delegate;
    private volatile Consumer<RequestContext> listener;

    NotifyingContextStorage(ContextStorage delegate) {
        this.delegate = delegate;
    }

    /** Found by OpenTelemetry through {@code META-INF/services}. */
    public static final class Provider implements ContextStorageProvider {
        @Override
        public ContextStorage get() {
            NotifyingContextStorage storage = new NotifyingContextStorage(ContextStorage.defaultStorage());
            created = storage;
            return storage;
        }
    }

    /**
     * The storage obs attaches its own contexts to: the thread-local under this wrapper when
     * OpenTelemetry uses it, otherwise whatever storage OpenTelemetry settled on.
     */
    static ContextStorage raw() {
        ContextStorage current = ContextStorage.get(); // first: it creates the storage on first use
        NotifyingContextStorage ours = created;
        return ours != null && current == ours ? ours.delegate : current;
    }

    /** This wrapper when OpenTelemetry uses it, or {@code null} (another provider won, or the storage was wrapped). */
    static NotifyingContextStorage installed() {
        ContextStorage current = ContextStorage.get(); // first: it creates the storage on first use
        NotifyingContextStorage ours = created;
        return ours != null && current == ours ? ours : null;
    }

    /** Starts (or, with {@code null}, stops) telling obs about contexts attached through the OpenTelemetry API. */
    void listen(Consumer<RequestContext> onChange) {
        this.listener = onChange;
    }

    @Override
    public Scope attach(Context toAttach) {
        Consumer<RequestContext> onChange = listener;
        if (onChange == null || toAttach == null) {
            return delegate.attach(toAttach);
        }
        RequestContext next = toAttach.get(ContextBridge.REQUEST);
        Span span = Span.fromContextOrNull(toAttach);
        if (span != null && span.getSpanContext().isValid() && ContextBridge.spanOf(next) != span) {
            // A span made current through the OpenTelemetry API: the request context follows it.
            next = ContextBridge.withSpan(next, span, toAttach);
            toAttach = toAttach.with(ContextBridge.REQUEST, next);
        }
        Context before = delegate.current();
        RequestContext previous = before == null ? null : before.get(ContextBridge.REQUEST);
        Scope scope = delegate.attach(toAttach);
        if (previous == next) {
            return scope;
        }
        onChange.accept(next);
        return () -> {
            scope.close();
            Consumer<RequestContext> stillListening = listener;
            if (stillListening != null) {
                Context restored = delegate.current();
                stillListening.accept(restored == null ? null : restored.get(ContextBridge.REQUEST));
            }
        };
    }

    @Override
    public Context current() {
        return delegate.current();
    }

    @Override
    public Context root() {
        return delegate.root();
    }
}
