package dev.obs.spi;

import dev.obs.context.RequestContext;

/**
 * Told on the affected thread whenever the current context changes: when one is attached and
 * when a scope closes and restores the previous one. The logging module keeps the MDC in step
 * this way. Called on hot paths: do little and never throw.
 */
@FunctionalInterface
public interface ContextListener {

    /** {@code current} is the context now current on this thread, or {@code null} for none. */
    void onContextChanged(RequestContext current);
}
