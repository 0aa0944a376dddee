package dev.obs.errors.internal;

import dev.obs.context.RequestContext;
import dev.obs.errors.CapturedError;
import dev.obs.redact.Redactor;
import dev.obs.spi.Diagnostics;
import dev.obs.spi.SelfMetric;
import dev.obs.spi.SignalListener;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where every capture point hands its errors: deduplicates them by identity, counts them, keeps
 * the recent ones, samples them and passes them to Sentry. Never throws into the caller.
 */
final class ErrorReporter {

    /** Throwables remembered for deduplication. */
    static final int SEEN_CAPACITY = 512;
    /** Distinct exception classes counted before the rest go under {@code type="other"}. */
    static final int MAX_COUNTED_TYPES = 100;

    private final Redactor redactor;
    private final Diagnostics diagnostics;
    private final SeenThrowables seen = new SeenThrowables(SEEN_CAPACITY);
    private final ErrorCounter counter;
    private final RecentErrors recent = new RecentErrors(ErrorsRuntime.RECENT_CAPACITY);
    private final double sampleRate;
    private final SentrySink sink; // null without a DSN
    private final SelfMetric sampledOut;
    private volatile SignalListener signals;

    ErrorReporter(Redactor redactor, Diagnostics diagnostics, ErrorCounter counter, double sampleRate, SentrySink sink,
                  SelfMetric sampledOut) {
        this.redactor = redactor;
        this.diagnostics = diagnostics;
        this.counter = counter;
        this.sampleRate = sampleRate;
        this.sink = sink;
        this.sampledOut = sampledOut;
    }

    /** An error seen at a capture point, with the context current there (possibly {@code null}). */
    void capture(Throwable error, CapturedError.Source source, RequestContext context, String logMessage, String logger) {
        if (error == null) {
            return;
        }
        try {
            Capture capture = new Capture(error, source, context, logMessage, logger, Thread.currentThread());
            RequestErrors request = context == null ? null : context.get(RequestErrors.KEY);
            if (request != null && request.defer(capture)) {
                return;
            }
            report(capture, request);
        } catch (RuntimeException e) {
            diagnostics.warnOnce("errors-capture", "the errors module failed to capture " + error.getClass().getName()
                    + " (" + e + "); the application is not affected");
        }
    }

    /**
     * An observed request ended: reports what escaped its handler and what waited, outermost first,
     * so that an exception wrapped on its way out gives one event that shows the whole chain.
     */
    void requestEnded(RequestErrors request, Throwable error, List<Capture> pending) {
        try {
            if (error != null) {
                Capture firstSighting = null;
                Capture logged = null;
                for (Capture p : pending) {
                    if (SeenThrowables.inChain(error, p.error())) {
                        if (firstSighting == null && p.context() != null) {
                            firstSighting = p;
                        }
                        if (logged == null && p.logMessage() != null) {
                            logged = p;
                        }
                    }
                }
                // The context where the exception was first seen has the deepest span: link the event there.
                RequestContext context = firstSighting != null ? firstSighting.context() : RequestContext.current();
                report(new Capture(error, CapturedError.Source.HTTP_SERVER, context,
                        logged == null ? null : logged.logMessage(), logged == null ? null : logged.logger(),
                        Thread.currentThread()), request);
            }
            for (int i = pending.size() - 1; i >= 0; i--) {
                report(pending.get(i), request); // those already in the chain above are skipped as seen
            }
        } catch (RuntimeException e) {
            diagnostics.warnOnce("errors-request-end", "the errors module failed to report a request's errors (" + e
                    + "); the application is not affected");
        }
    }

    private void report(Capture capture, RequestErrors request) {
        Throwable error = capture.error();
        if (!seen.markIfNew(error)) {
            return;
        }
        counter.increment(error.getClass().getName());
        String eventId = null;
        if (sink != null) {
            if (sampleRate >= 1.0 || ThreadLocalRandom.current().nextDouble() < sampleRate) {
                eventId = sink.send(capture, request);
            } else {
                sampledOut.increment();
            }
        }
        RequestContext ctx = capture.context();
        CapturedError captured = new CapturedError(Instant.now(), error.getClass().getName(), redactor.redact(dev.obs.spi.SafeMessages.messageOf(error)),
                capture.source(),
                ctx == null ? null : ctx.requestId(),
                ctx == null ? null : ctx.traceId(),
                ctx == null ? null : ctx.spanId(),
                request == null ? null : request.method(),
                request == null ? null : request.route(),
                request == null ? 0 : request.status(),
                eventId);
        recent.add(captured);
        SignalListener listener = signals;
        if (listener != null && listener.isListening()) {
            listener.onErrorEvent(ErrorSignal.of(error, captured, redactor));
        }
    }

    /** Whether Sentry runs and takes events (false without a DSN, while it starts, and after it failed to). */
    boolean sentryReady() {
        return sink != null && sink.isReady();
    }

    /** Whether Sentry was configured (a DSN is set), ready or not. */
    boolean sentryConfigured() {
        return sink != null;
    }

    /** Where reported errors are published (the console listens there). */
    void publishTo(SignalListener listener) {
        signals = listener;
    }

    List<CapturedError> recent() {
        return recent.snapshot();
    }

    void close(java.time.Duration timeout) {
        if (sink != null) {
            sink.close(timeout);
        }
    }
}
