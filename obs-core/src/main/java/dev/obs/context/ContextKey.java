package dev.obs.context;

import java.util.Objects;

/**
 * A typed slot in a {@link RequestContext} where a module keeps its own per-request state (the
 * tracing module keeps the current span there). Keys compare by identity: hold one in a constant.
 *
 * <pre>{@code
 * static final ContextKey<Span> SPAN = ContextKey.named("obs.span");
 * RequestContext withSpan = context.with(SPAN, span);
 * Span span = RequestContext.current().get(SPAN);
 * }</pre>
 *
 * @param <T> the type of the value kept under this key
 */
public final class ContextKey<T> {

    private final String name;

    private ContextKey(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** A new key; the name is for debugging only. */
    public static <T> ContextKey<T> named(String name) {
        return new ContextKey<>(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
