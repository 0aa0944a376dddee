package dev.obs.internal.method;

import dev.obs.instrument.ObservedMethod;
import dev.obs.spi.MethodObserver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The method observers of the installed modules. A version number lets each
 * {@link ObservedMethod} cache which observers apply to it and notice when that changes.
 */
public final class MethodObserverRegistry {

    private static final MethodObserver[] NONE = new MethodObserver[0];

    private static volatile MethodObserver[] observers = NONE;
    private static volatile int version;

    private MethodObserverRegistry() {
    }

    public static int version() {
        return version;
    }

    public static boolean isEmpty() {
        return observers.length == 0;
    }

    public static synchronized void add(MethodObserver observer) {
        MethodObserver[] next = Arrays.copyOf(observers, observers.length + 1);
        next[next.length - 1] = observer;
        observers = next;
        version++;
    }

    /** Takes one observer out (of a module whose start failed). */
    public static synchronized void remove(MethodObserver observer) {
        List<MethodObserver> next = new ArrayList<>(Arrays.asList(observers));
        if (next.remove(observer)) {
            observers = next.toArray(NONE);
            version++;
        }
    }

    public static synchronized void clear() {
        observers = NONE;
        version++;
        dev.obs.internal.db.DbClientObservation.clear(); // the database observers go with the method observers
    }

    public static MethodObserver[] applicableTo(ObservedMethod method) {
        MethodObserver[] all = observers;
        if (all.length == 0) {
            return NONE;
        }
        List<MethodObserver> applicable = new ArrayList<>(all.length);
        for (MethodObserver observer : all) {
            try {
                if (observer.observes(method)) {
                    applicable.add(observer);
                }
            } catch (RuntimeException e) {
                dev.obs.internal.context.ContextRegistry.observerFailed("method", "observes-" + observer.getClass().getName(),
                        "method observer " + observer.getClass().getName() + " failed on " + method + ": " + e);
            }
        }
        return applicable.isEmpty() ? NONE : applicable.toArray(NONE);
    }
}
