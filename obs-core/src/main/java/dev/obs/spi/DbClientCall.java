package dev.obs.spi;

/** One database operation in progress, as returned by {@link DbClientObserver#onStart}. */
@FunctionalInterface
public interface DbClientCall {

    /**
     * The operation ended, on the thread that ran it.
     *
     * @param durationNanos  how long the driver call took
     * @param rows           the row count the driver gave (the update count, or the sum of a batch's), or -1
     * @param error          what the driver threw, or {@code null}
     * @param safeMessage    when {@code error} is set: its message with every literal and quoted
     *                       text replaced, safe to export (a driver's own message may quote the
     *                       values of the statement); else {@code null}
     * @param slow           whether the operation took longer than the configured slow-query threshold
     */
    void onEnd(long durationNanos, long rows, Throwable error, String safeMessage, boolean slow);
}
