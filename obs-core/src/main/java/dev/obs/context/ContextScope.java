package dev.obs.context;

/**
 * Restores the context that was current before {@link RequestContext#makeCurrent()}. Use it in
 * try-with-resources on the thread that opened it:
 *
 * <pre>{@code
 * try (ContextScope scope = context.makeCurrent()) {
 *     handle(request);
 * }
 * }</pre>
 *
 * Closing twice has no further effect.
 */
@FunctionalInterface
public interface ContextScope extends AutoCloseable {

    /** Restores the previous context; never throws. */
    @Override
    void close();
}
