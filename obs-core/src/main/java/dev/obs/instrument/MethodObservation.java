package dev.obs.instrument;

import dev.obs.internal.context.ContextRegistry;
import dev.obs.spi.MethodCall;
import dev.obs.spi.MethodObserver;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The entry that woven methods and instrumented proxies call around the user's code. Not meant to
 * be called by hand: use {@link dev.obs.Observability#trace} and {@link dev.obs.Observability#time}
 * for blocks of code.
 *
 * <pre>{@code
 * // a woven @Traced method, in effect:
 * Object call = MethodObservation.enter(OBS$0);
 * try {
 *     Order result = ...original body...;
 *     MethodObservation.exit(call, result, null);
 *     return result;
 * } catch (Throwable t) {
 *     MethodObservation.exit(call, null, t);
 *     throw t;
 * }
 * }</pre>
 *
 * <p>Before {@code install()}, or when no installed module observes the method, {@code enter}
 * returns {@code null} after one array-length check and {@code exit} returns at once. Failures of
 * an observer never reach the user's code: each is counted in {@code obs_observer_failures_total}
 * and reported once on stderr.
 */
public final class MethodObservation {

    private MethodObservation() {
    }

    /** A call of {@code method} starts; returns a token for {@link #exit}, possibly {@code null}. */
    public static Object enter(ObservedMethod method) {
        MethodObserver[] observers = method.observers();
        int n = observers.length;
        if (n == 0) {
            return null;
        }
        if (n == 1) {
            return safeEnter(observers[0], method);
        }
        MethodCall first = null;
        MethodCall[] many = null;
        int count = 0;
        for (MethodObserver observer : observers) {
            MethodCall call = safeEnter(observer, method);
            if (call == null) {
                continue;
            }
            if (first == null) {
                first = call;
            } else {
                if (many == null) {
                    many = new MethodCall[n];
                    many[count++] = first;
                }
                many[count++] = call;
            }
        }
        return many == null ? first : new CompositeCall(many, count);
    }

    /**
     * The call ends: {@code returned} is the method's result (or {@code null}), {@code thrown} what
     * it threw (or {@code null}). A returned {@link CompletionStage} ends the observation when it
     * completes. Never throws.
     */
    public static void exit(Object token, Object returned, Throwable thrown) {
        if (token == null) {
            return;
        }
        MethodCall call = (MethodCall) token;
        try {
            call.leave();
        } catch (RuntimeException e) {
            report(call, e);
        }
        if (thrown == null && returned instanceof CompletionStage) {
            ((CompletionStage<?>) returned).whenComplete((r, error) -> safeComplete(call, unwrap(error)));
        } else {
            safeComplete(call, thrown);
        }
    }

    private static MethodCall safeEnter(MethodObserver observer, ObservedMethod method) {
        try {
            return observer.enter(method);
        } catch (RuntimeException e) {
            ContextRegistry.observerFailed("method", "enter-" + observer.getClass().getName(),
                    "method observer " + observer.getClass().getName() + " failed on " + method + ": " + e);
            return null;
        }
    }

    private static void safeComplete(MethodCall call, Throwable error) {
        try {
            call.complete(error);
        } catch (RuntimeException e) {
            report(call, e);
        }
    }

    private static void report(MethodCall call, RuntimeException e) {
        ContextRegistry.observerFailed("method", "call-" + call.getClass().getName(),
                "method call observer " + call.getClass().getName() + " failed: " + e);
    }

    private static Throwable unwrap(Throwable error) {
        while ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    private static final class CompositeCall implements MethodCall {
        private final MethodCall[] calls;
        private final int count;

        CompositeCall(MethodCall[] calls, int count) {
            this.calls = calls;
            this.count = count;
        }

        @Override
        public void leave() {
            // Reverse order, like nested scopes: the last entered leaves first.
            for (int i = count - 1; i >= 0; i--) {
                try {
                    calls[i].leave();
                } catch (RuntimeException e) {
                    report(calls[i], e);
                }
            }
        }

        @Override
        public void complete(Throwable error) {
            for (int i = count - 1; i >= 0; i--) {
                safeComplete(calls[i], error);
            }
        }
    }
}
