package dev.obs.errors.internal;

import dev.obs.spi.ModuleContext;
import dev.obs.spi.SelfMetric;
import java.time.Duration;

/** Starts and stops the errors module's parts; {@link dev.obs.errors.ErrorsModule} is the SPI face. */
public final class ErrorsModuleSupport {

    private final ErrorReporter reporter;
    private final UncaughtExceptionCapture uncaught;

    private ErrorsModuleSupport(ErrorReporter reporter, UncaughtExceptionCapture uncaught) {
        this.reporter = reporter;
        this.uncaught = uncaught;
    }

    public static ErrorsModuleSupport start(ModuleContext context) {
        ErrorsSettings settings = ErrorsSettings.from(context.config(), context.service());
        // Sampled-out events are a choice, not a loss: they stay out of obs_errors_dropped_total and its alert.
        SelfMetric sampledOut = context.selfMetrics().counter(SentrySink.SAMPLED_OUT, SentrySink.SAMPLED_OUT_DESCRIPTION);
        SentrySink.registerDropCounters(context.selfMetrics());
        SentrySink sink = settings.dsn().isEmpty() ? null
                : SentrySink.start(settings, context.service(), context.redactor(), context.diagnostics(), context.selfMetrics());
        ErrorReporter reporter = new ErrorReporter(context.redactor(), context.diagnostics(),
                new ErrorCounter(context.selfMetrics(), ErrorReporter.MAX_COUNTED_TYPES), settings.sampleRate(), sink, sampledOut);
        reporter.publishTo(context.signals());
        context.addHttpServerObserver(new ErrorsHttpObserver(reporter));
        context.addMethodObserver(new TracedFailureObserver(reporter));
        context.addLogEventListener(new LogEventBridge(reporter));
        UncaughtExceptionCapture uncaught = UncaughtExceptionCapture.install(reporter);
        ErrorsRuntime.started(reporter);
        return new ErrorsModuleSupport(reporter, uncaught);
    }

    public void close(Duration timeout) {
        uncaught.uninstall();
        ErrorsRuntime.stopped(reporter);
        reporter.close(timeout);
    }
}
