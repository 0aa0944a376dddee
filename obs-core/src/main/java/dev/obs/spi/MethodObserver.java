package dev.obs.spi;

import dev.obs.instrument.ObservedMethod;

/**
 * Observes calls of {@link dev.obs.annotation.Traced @Traced} and {@link dev.obs.annotation.Timed @Timed}
 * methods, whether woven at build time, proxied, or run through the programmatic API. The tracing
 * module starts spans here, the metrics module times calls, the errors module reports exceptions.
 *
 * <pre>{@code
 * final class TimingObserver implements MethodObserver {
 *     public boolean observes(ObservedMethod method) { return method.timed(); }
 *     public MethodCall enter(ObservedMethod method) {
 *         long start = System.nanoTime();
 *         return error -> timerFor(method, error).record(System.nanoTime() - start, NANOSECONDS);
 *     }
 * }
 * }</pre>
 */
public interface MethodObserver {

    /** Asked once per method (and again only after install or close): whether calls concern this observer. */
    boolean observes(ObservedMethod method);

    /**
     * A call starts, on the calling thread. Return the call's state, or {@code null} when this call
     * needs nothing more (for example an unsampled span). Keep it cheap: it is on the user's hot path.
     */
    MethodCall enter(ObservedMethod method);
}
