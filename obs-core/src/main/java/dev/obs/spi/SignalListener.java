package dev.obs.spi;

/**
 * Receives the signals the pillars produce, already redacted exactly as they leave the process:
 * log lines as encoded, finished spans that were recorded, and error events. The console listens
 * here; the pillars publish through {@link ModuleContext#signals()} and never learn who listens.
 *
 * <pre>{@code
 * context.addSignalListener(new SignalListener() {
 *     public void onLogLine(LogLine line) { store.add(line.requestId(), line.json()); }
 * });
 * }</pre>
 *
 * Called on the pillars' threads (the log writer, the thread that ends a span, the thread that
 * reports an error): keep it cheap, never block, never throw.
 */
public interface SignalListener {

    /** One log line, encoded and redacted. */
    default void onLogLine(LogLine line) {
    }

    /** One finished span that was recorded (sampled, or kept for keep-errors/keep-slow). */
    default void onSpan(FinishedSpan span) {
    }

    /** One error event, as the errors module reported it. */
    default void onErrorEvent(ErrorEvent event) {
    }

    /**
     * Whether anyone listens. The dispatcher of {@link ModuleContext#signals()} answers
     * {@code false} while no listener is registered, so that a pillar can skip building what it
     * would publish.
     */
    default boolean isListening() {
        return true;
    }
}
