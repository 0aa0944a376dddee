package dev.obs.spi;

import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;

/**
 * Where the current {@link RequestContext} lives. Core keeps it in a thread-local; the tracing
 * module replaces that with storage inside OpenTelemetry's {@code Context}, so that there is one
 * thread-local and the two views cannot disagree. Installed through
 * {@link ModuleContext#setContextStorage(ContextStorage)}.
 */
public interface ContextStorage {

    /** The context current on this thread, or {@code null}. */
    RequestContext current();

    /**
     * Makes {@code context} (possibly {@code null}, meaning none) current on this thread until the
     * returned scope is closed, which restores the previous one.
     */
    ContextScope attach(RequestContext context);
}
