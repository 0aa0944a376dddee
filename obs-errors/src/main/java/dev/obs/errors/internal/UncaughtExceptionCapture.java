package dev.obs.errors.internal;

import dev.obs.context.RequestContext;
import dev.obs.errors.CapturedError;

/**
 * The JVM's default uncaught exception handler while obs runs: reports the exception, then hands
 * it to the handler that was there before (or prints it as the JVM would). The previous handler
 * is restored on close, unless someone replaced ours in the meantime.
 */
final class UncaughtExceptionCapture implements Thread.UncaughtExceptionHandler {

    private final ErrorReporter reporter;
    private final Thread.UncaughtExceptionHandler previous;

    private UncaughtExceptionCapture(ErrorReporter reporter, Thread.UncaughtExceptionHandler previous) {
        this.reporter = reporter;
        this.previous = previous;
    }

    static synchronized UncaughtExceptionCapture install(ErrorReporter reporter) {
        UncaughtExceptionCapture capture = new UncaughtExceptionCapture(reporter, Thread.getDefaultUncaughtExceptionHandler());
        Thread.setDefaultUncaughtExceptionHandler(capture);
        return capture;
    }

    synchronized void uninstall() {
        synchronized (UncaughtExceptionCapture.class) {
            if (Thread.getDefaultUncaughtExceptionHandler() == this) {
                Thread.setDefaultUncaughtExceptionHandler(previous);
            }
        }
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        try {
            reporter.capture(error, CapturedError.Source.UNCAUGHT, RequestContext.current(), null, null);
        } catch (Throwable ignored) {
            // The thread is dying already; whatever went wrong here must not hide the original failure.
        }
        if (previous != null) {
            previous.uncaughtException(thread, error);
        } else {
            // What ThreadGroup.uncaughtException prints; calling it would come back here.
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            error.printStackTrace(System.err);
        }
    }
}
