package dev.obs.tracing.internal;

import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import dev.obs.spi.ContextStorage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Core's context storage kept inside OpenTelemetry's {@link Context}: one thread-local for both.
 * {@link RequestContext#current()} reads the request context out of the current OpenTelemetry
 * context; attaching a request context attaches the OpenTelemetry context it carries (its span).
 */
final class OtelContextStorage implements ContextStorage {

    private final io.opentelemetry.context.ContextStorage raw;

    OtelContextStorage(io.opentelemetry.context.ContextStorage raw) {
        this.raw = raw;
    }

    @Override
    public RequestContext current() {
        Context current = raw.current();
        return current == null ? null : current.get(ContextBridge.REQUEST);
    }

    @Override
    public ContextScope attach(RequestContext context) {
        Scope scope = raw.attach(ContextBridge.toOtel(context));
        return scope::close;
    }
}
