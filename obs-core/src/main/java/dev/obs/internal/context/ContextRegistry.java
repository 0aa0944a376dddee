package dev.obs.internal.context;

import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import dev.obs.internal.runtime.StderrDiagnostics;
import dev.obs.spi.ContextListener;
import dev.obs.spi.ContextStorage;
import java.util.Arrays;

/**
 * The process-wide context storage and listeners. Storage and listeners change only at install and
 * close; the hot paths read two volatile fields.
 */
public final class ContextRegistry {

    private static final ContextStorage DEFAULT_STORAGE = new ThreadLocalContextStorage();
    private static final ContextListener[] NO_LISTENERS = new ContextListener[0];
    private static final StderrDiagnostics DIAGNOSTICS = new StderrDiagnostics();

    private static volatile ContextStorage storage = DEFAULT_STORAGE;
    private static volatile ContextListener[] listeners = NO_LISTENERS;

    private ContextRegistry() {
    }

    public static StderrDiagnostics diagnostics() {
        return DIAGNOSTICS;
    }

    public static RequestContext current() {
        return storage.current();
    }

    public static ContextScope attach(RequestContext context) {
        ContextListener[] ls = listeners;
        ContextScope inner = storage.attach(context);
        if (ls.length == 0) {
            return inner;
        }
        fire(ls, context);
        return new ListeningScope(inner);
    }

    /** Tells the listeners that {@code current} is now current on this thread. */
    public static void fireChanged(RequestContext current) {
        ContextListener[] ls = listeners;
        if (ls.length != 0) {
            fire(ls, current);
        }
    }

    private static void fire(ContextListener[] ls, RequestContext current) {
        for (ContextListener listener : ls) {
            try {
                listener.onContextChanged(current);
            } catch (RuntimeException e) {
                DIAGNOSTICS.warnOnce("context-listener-" + listener.getClass().getName(),
                        "context listener " + listener.getClass().getName() + " failed: " + e);
            }
        }
    }

    public static ContextStorage storage() {
        return storage;
    }

    /** Replaces the storage (at install, before any request is served). */
    public static synchronized void setStorage(ContextStorage newStorage) {
        storage = newStorage == null ? DEFAULT_STORAGE : newStorage;
    }

    public static synchronized void addListener(ContextListener listener) {
        ContextListener[] ls = Arrays.copyOf(listeners, listeners.length + 1);
        ls[ls.length - 1] = listener;
        listeners = ls;
    }

    /** Back to the thread-local storage and no listeners (on close and in tests). */
    public static synchronized void reset() {
        storage = DEFAULT_STORAGE;
        listeners = NO_LISTENERS;
    }

    private static final class ListeningScope implements ContextScope {
        private final ContextScope inner;
        private boolean closed;

        ListeningScope(ContextScope inner) {
            this.inner = inner;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            inner.close();
            fireChanged(storage.current());
        }
    }
}
