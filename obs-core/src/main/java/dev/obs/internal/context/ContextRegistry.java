package dev.obs.internal.context;

import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import dev.obs.internal.runtime.StderrDiagnostics;
import dev.obs.spi.ContextListener;
import dev.obs.spi.ContextStorage;
import dev.obs.spi.SelfMetrics;
import java.util.Arrays;

/**
 * The process-wide context storage and listeners. Storage and listeners change only at install and
 * close; the hot paths read two volatile fields.
 */
public final class ContextRegistry {

    private static final ContextStorage DEFAULT_STORAGE = new ThreadLocalContextStorage();
    private static final ContextListener[] NO_LISTENERS = new ContextListener[0];
    private static final StderrDiagnostics DIAGNOSTICS = new StderrDiagnostics();

    /** The self-metric counting failures of modules' observers and listeners, by kind. */
    public static final String OBSERVER_FAILURES = "obs.observer.failures";
    static final String OBSERVER_FAILURES_DESCRIPTION =
            "Failures of an obs module's observer or listener (the application is unaffected; the module lost that observation)";
    /** The kinds of {@link #OBSERVER_FAILURES}. */
    public static final java.util.List<String> OBSERVER_KINDS = java.util.List.of("method", "http", "context", "log", "signal");

    private static volatile ContextStorage storage = DEFAULT_STORAGE;
    private static volatile ContextListener[] listeners = NO_LISTENERS;
    private static volatile SelfMetrics selfMetrics;

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
                observerFailed("context", "context-listener-" + listener.getClass().getName(),
                        "context listener " + listener.getClass().getName() + " failed: " + e);
            }
        }
    }

    /** Where observer failures are counted (at install; {@code null} after close). */
    public static void setSelfMetrics(SelfMetrics metrics) {
        selfMetrics = metrics;
        if (metrics != null) {
            for (String kind : OBSERVER_KINDS) {
                metrics.counter(OBSERVER_FAILURES, OBSERVER_FAILURES_DESCRIPTION, "kind", kind);
            }
        }
    }

    /**
     * A module's observer or listener of {@code kind} failed: counts it in
     * {@code obs_observer_failures_total{kind}} every time and says so on stderr once per key.
     */
    public static void observerFailed(String kind, String key, String message) {
        SelfMetrics metrics = selfMetrics;
        if (metrics != null) {
            metrics.counter(OBSERVER_FAILURES, OBSERVER_FAILURES_DESCRIPTION, "kind", kind).increment();
        }
        DIAGNOSTICS.warnOnce(key, message + " (counted in obs_observer_failures_total{kind=\"" + kind + "\"})");
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

    /** Takes one listener out (of a module whose start failed). */
    public static synchronized void removeListener(ContextListener listener) {
        java.util.List<ContextListener> next = new java.util.ArrayList<>(Arrays.asList(listeners));
        if (next.remove(listener)) {
            listeners = next.isEmpty() ? NO_LISTENERS : next.toArray(NO_LISTENERS);
        }
    }

    /** Back to the thread-local storage and no listeners (on close and in tests). */
    public static synchronized void reset() {
        storage = DEFAULT_STORAGE;
        listeners = NO_LISTENERS;
        selfMetrics = null;
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
