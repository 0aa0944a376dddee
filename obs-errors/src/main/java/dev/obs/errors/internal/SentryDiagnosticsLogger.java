package dev.obs.errors.internal;

import dev.obs.spi.Diagnostics;
import io.sentry.ILogger;
import io.sentry.SentryLevel;

/**
 * Sentry's own errors (an unreachable server, a rejected envelope) as obs diagnostics on stderr,
 * once per kind, instead of on stdout or not at all.
 */
final class SentryDiagnosticsLogger implements ILogger {

    private final Diagnostics diagnostics;
    private final DeliveryTracker tracker;

    SentryDiagnosticsLogger(Diagnostics diagnostics, DeliveryTracker tracker) {
        this.diagnostics = diagnostics;
        this.tracker = tracker;
    }

    @Override
    public void log(SentryLevel level, String message, Object... args) {
        if (isEnabled(level)) {
            report(message, format(message, args), null);
        }
    }

    @Override
    public void log(SentryLevel level, String message, Throwable throwable) {
        if (isEnabled(level)) {
            report(message, message, throwable);
        }
    }

    @Override
    public void log(SentryLevel level, Throwable throwable, String message, Object... args) {
        if (isEnabled(level)) {
            report(message, format(message, args), throwable);
        }
    }

    @Override
    public boolean isEnabled(SentryLevel level) {
        return level != null && level.ordinal() >= SentryLevel.ERROR.ordinal();
    }

    // Keyed by Sentry's message template, so a backend that stays down is reported once.
    private void report(String template, String text, Throwable throwable) {
        if (tracker != null && template != null && (template.startsWith("The transport failed to send the envelope")
                || template.startsWith("Envelope submission failed") || template.startsWith("Request failed, API returned")
                || template.startsWith("Error reading and logging the response stream"))) {
            // A failed send: the delivery tracker reports it once per outage, with this as the reason.
            tracker.problem(throwable == null ? text : describe(throwable));
            return;
        }
        diagnostics.warnOnce("sentry-" + template, "Sentry: " + text + (throwable == null ? "" : " (" + describe(throwable) + ")")
                + "; error events that cannot be sent are dropped and counted in obs_errors_dropped_total");
    }

    // "Sending the event failed." says little; the root cause (connection refused, timeout) says what to fix.
    private static String describe(Throwable throwable) {
        Throwable root = throwable;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 16; depth++) {
            root = root.getCause();
        }
        return root == throwable ? throwable.toString() : throwable + ", caused by " + root;
    }

    private static String format(String message, Object... args) {
        if (args == null || args.length == 0) {
            return message;
        }
        try {
            return String.format(message, args);
        } catch (RuntimeException e) {
            return message;
        }
    }
}
