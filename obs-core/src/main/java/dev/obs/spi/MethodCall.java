package dev.obs.spi;

/**
 * One observed call in progress, as returned by {@link MethodObserver#enter}.
 *
 * <p>For an ordinary method, {@link #leave()} and then {@link #complete(Throwable)} run on the
 * calling thread as the method returns or throws. For a method returning a
 * {@link java.util.concurrent.CompletionStage}, {@code leave()} runs when the method returns and
 * {@code complete} runs later, on whichever thread completes the stage.
 */
@FunctionalInterface
public interface MethodCall {

    /** The method returned or threw on the calling thread: close thread-bound state (scopes) here. */
    default void leave() {
    }

    /** The observed work is over; {@code error} is what it failed with, or {@code null}. */
    void complete(Throwable error);
}
