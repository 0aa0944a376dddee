package dev.obs.errors.internal;

import dev.obs.context.RequestContext;
import dev.obs.errors.CapturedError;
import dev.obs.instrument.ObservedMethod;
import dev.obs.spi.MethodCall;
import dev.obs.spi.MethodObserver;

/**
 * Reports exceptions that escape {@code @Traced} methods and {@code obs.trace(...)} blocks. Every
 * call gets the same stateless {@link MethodCall}, so a call that succeeds costs no allocation.
 */
final class TracedFailureObserver implements MethodObserver {

    private final MethodCall onComplete;

    TracedFailureObserver(ErrorReporter reporter) {
        this.onComplete = error -> {
            if (error != null) {
                reporter.capture(error, CapturedError.Source.TRACED_METHOD, RequestContext.current(), null, null);
            }
        };
    }

    @Override
    public boolean observes(ObservedMethod method) {
        return method.traced();
    }

    @Override
    public MethodCall enter(ObservedMethod method) {
        return onComplete;
    }
}
