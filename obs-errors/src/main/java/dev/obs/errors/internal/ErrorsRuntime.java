package dev.obs.errors.internal;

import dev.obs.context.RequestContext;
import dev.obs.errors.CapturedError;
import java.util.List;

/** The errors module's running instance, reached by the static {@link dev.obs.errors.ObsErrors} API. */
public final class ErrorsRuntime {

    /** How many errors are kept for {@link dev.obs.errors.ObsErrors#recent()}. */
    public static final int RECENT_CAPACITY = 100;

    private static volatile ErrorReporter active;
    private static volatile ErrorReporter last;

    private ErrorsRuntime() {
    }

    static void started(ErrorReporter reporter) {
        last = reporter;
        active = reporter;
    }

    static void stopped(ErrorReporter reporter) {
        if (active == reporter) {
            active = null;
        }
    }

    public static List<CapturedError> recent() {
        ErrorReporter reporter = last;
        return reporter == null ? List.of() : reporter.recent();
    }

    public static void captureManual(Throwable error) {
        ErrorReporter reporter = active;
        if (reporter != null) {
            reporter.capture(error, CapturedError.Source.MANUAL, RequestContext.current(), null, null);
        }
    }
}
