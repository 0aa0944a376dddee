package dev.obs.internal.context;

import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import dev.obs.spi.ContextStorage;

/** The default storage: one thread-local slot. */
public final class ThreadLocalContextStorage implements ContextStorage {

    private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

    @Override
    public RequestContext current() {
        return CURRENT.get();
    }

    @Override
    public ContextScope attach(RequestContext context) {
        RequestContext previous = CURRENT.get();
        if (previous == context) {
            return NoopScope.INSTANCE;
        }
        set(context);
        return new RestoringScope(previous, context);
    }

    private static void set(RequestContext context) {
        CURRENT.set(context); // null too, not remove(): the next attach would allocate the thread's entry again
    }

    private static final class RestoringScope implements ContextScope {
        private final RequestContext previous;
        private final RequestContext attached;
        private boolean closed;

        RestoringScope(RequestContext previous, RequestContext attached) {
            this.previous = previous;
            this.attached = attached;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (CURRENT.get() != attached) {
                ContextRegistry.diagnostics().warnOnce("scope-order",
                        "a context scope was closed out of order or on another thread; close scopes in "
                                + "try-with-resources on the thread that opened them");
            }
            set(previous);
        }
    }

    enum NoopScope implements ContextScope {
        INSTANCE;

        @Override
        public void close() {
        }
    }
}
