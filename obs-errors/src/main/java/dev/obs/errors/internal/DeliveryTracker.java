package dev.obs.errors.internal;

import dev.obs.spi.Diagnostics;
import dev.obs.spi.SelfMetrics;
import io.sentry.Hint;
import io.sentry.clientreport.DiscardReason;
import io.sentry.hints.SubmissionResult;
import io.sentry.util.HintUtils;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows every event handed to Sentry to its end, so that none is lost uncounted: Sentry reports
 * most losses through its {@code onDiscard} callback (queue full, rate-limit backoff, network
 * errors), but not all of them (an envelope answered 429, or any answer Sentry does not classify).
 * Each event carries a {@link SubmissionResult} hint that Sentry's transport marks when the event
 * is sent or fails; a failure that {@code onDiscard} did not already count is counted here.
 *
 * <p>It also tells outages apart: the first failure after a success prints one stderr line saying
 * what failed, the first success after failures one line saying that delivery works again; every
 * outage, not only the first of the process.
 */
final class DeliveryTracker {

    // Sentry calls onDiscard and then marks the hint on the same thread (the capturing thread for
    // a full queue or a rate-limit backoff, its sender thread for a failed send).
    private static final ThreadLocal<Boolean> COUNTED = new ThreadLocal<>();
    private static final ThreadLocal<String> PROBLEM = new ThreadLocal<>();

    private final SelfMetrics metrics;
    private final Diagnostics diagnostics;
    private final String target;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicLong failedInOutage = new AtomicLong();

    DeliveryTracker(SelfMetrics metrics, Diagnostics diagnostics, String target) {
        this.metrics = metrics;
        this.diagnostics = diagnostics;
        this.target = target;
    }

    /** Sentry's onDiscard for error events: counted under Sentry's reason. */
    void discarded(DiscardReason reason, long count) {
        metrics.counter(SentrySink.DROPPED, SentrySink.DROPPED_DESCRIPTION, "reason", reason.getReason()).add(count);
        COUNTED.set(Boolean.TRUE);
    }

    /** What Sentry's transport said went wrong on this thread (an answer's status, a connection error). */
    void problem(String description) {
        if (PROBLEM.get() == null) { // the first says most: "API returned 503" before "submission failed"
            PROBLEM.set(description);
        }
    }

    /** A hint to send with one event; Sentry marks it with the outcome. */
    Hint newHint() {
        COUNTED.remove();
        return HintUtils.createWithTypeCheckHint(new Delivery());
    }

    /** The capturing thread is done handing the event over. */
    void handedOver() {
        COUNTED.remove();
        PROBLEM.remove();
    }

    private void delivered() {
        if (failing.compareAndSet(true, false)) {
            long lost = failedInOutage.getAndSet(0);
            diagnostics.warn("error event delivery to " + target + " works again; " + lost + " event(s) failed meanwhile "
                    + "and are counted in obs_errors_dropped_total");
        }
    }

    private void failed() {
        boolean alreadyCounted = COUNTED.get() != null;
        String problem = PROBLEM.get();
        COUNTED.remove();
        PROBLEM.remove();
        if (!alreadyCounted) {
            String reason = problem != null && problem.contains("429")
                    ? DiscardReason.RATELIMIT_BACKOFF.getReason() : DiscardReason.NETWORK_ERROR.getReason();
            metrics.counter(SentrySink.DROPPED, SentrySink.DROPPED_DESCRIPTION, "reason", reason).increment();
        }
        failedInOutage.incrementAndGet();
        if (failing.compareAndSet(false, true)) {
            diagnostics.warn("error event delivery to " + target + " failed (" + (problem != null ? problem
                    : "Sentry refused the event or is backing off") + "); the service is unaffected, events are dropped and counted "
                    + "in obs_errors_dropped_total, and a line here says when delivery works again");
        }
    }

    /** The outcome of one event; Sentry may mark it more than once, the first mark counts. */
    private final class Delivery implements SubmissionResult {
        private final AtomicBoolean marked = new AtomicBoolean();
        private volatile boolean success;

        @Override
        public void setResult(boolean ok) {
            if (!marked.compareAndSet(false, true)) {
                return;
            }
            success = ok;
            if (ok) {
                delivered();
            } else {
                failed();
            }
        }

        @Override
        public boolean isSuccess() {
            return success;
        }
    }
}
