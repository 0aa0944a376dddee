package dev.obs.tracing.internal;

import dev.obs.redact.Redactor;
import dev.obs.spi.SafeMessages;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.ExceptionAttributes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.ref.WeakReference;

/**
 * Marks spans failed. An exception that passes through several spans (a {@code @Traced} method,
 * its caller, the server span) is recorded as an event once, on the innermost span it left; the
 * spans around it only get status ERROR and {@code error.type}. Messages and stack traces are
 * redacted, as everything that leaves the process.
 */
final class SpanErrors {

    private static final int MAX_STACK_TRACE = 16_384;
    private static final int REMEMBERED = 64;

    private final Redactor redactor;
    private final WeakReference<?>[] recorded = new WeakReference<?>[REMEMBERED];
    private int next;

    SpanErrors(Redactor redactor) {
        this.redactor = redactor;
    }

    /** The span failed with {@code error}. */
    void failed(Span span, Throwable error) {
        String type = error.getClass().getName();
        span.setStatus(StatusCode.ERROR, type);
        span.setAttribute(ErrorAttributes.ERROR_TYPE, type);
        if (firstSighting(error)) {
            String message = SafeMessages.messageOf(error);
            span.addEvent("exception", Attributes.of(
                    ExceptionAttributes.EXCEPTION_TYPE, type,
                    ExceptionAttributes.EXCEPTION_MESSAGE, message == null ? "" : redactor.redact(message),
                    ExceptionAttributes.EXCEPTION_STACKTRACE, redactor.redact(SafeMessages.scrub(error, stackTrace(error)))));
        }
    }

    /** The span failed with an HTTP status (5xx for servers, 4xx and 5xx for clients). */
    void failed(Span span, int status) {
        span.setStatus(StatusCode.ERROR);
        span.setAttribute(ErrorAttributes.ERROR_TYPE, Integer.toString(status));
    }

    /**
     * The span failed with {@code error}, whose own message may quote values (a database driver's
     * does): the event carries {@code safeMessage} instead, and its stack trace only the frames.
     * Spans the exception passes afterwards only get status and type, as for {@link #failed(Span, Throwable)}.
     */
    void failed(Span span, Throwable error, String errorType, String safeMessage) {
        String type = error.getClass().getName();
        span.setStatus(StatusCode.ERROR, errorType);
        span.setAttribute(ErrorAttributes.ERROR_TYPE, errorType);
        if (firstSighting(error)) {
            String message = safeMessage == null ? "" : redactor.redact(safeMessage);
            StringBuilder stack = new StringBuilder(type).append(": ").append(message);
            for (StackTraceElement frame : error.getStackTrace()) {
                if (stack.length() > MAX_STACK_TRACE) {
                    stack.append("\n\t...");
                    break;
                }
                stack.append("\n\tat ").append(frame);
            }
            span.addEvent("exception", Attributes.of(
                    ExceptionAttributes.EXCEPTION_TYPE, type,
                    ExceptionAttributes.EXCEPTION_MESSAGE, message,
                    ExceptionAttributes.EXCEPTION_STACKTRACE, stack.toString()));
        }
    }

    private synchronized boolean firstSighting(Throwable error) {
        // an exception wrapped on its way out (new IllegalStateException(sqlException)) is the same failure
        Throwable t = error;
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause() == t ? null : t.getCause()) {
            for (WeakReference<?> ref : recorded) {
                if (ref != null && ref.get() == t) {
                    return false;
                }
            }
        }
        recorded[next] = new WeakReference<>(error);
        next = (next + 1) % REMEMBERED;
        return true;
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter(1024);
        error.printStackTrace(new PrintWriter(out));
        String text = out.toString();
        return text.length() > MAX_STACK_TRACE ? text.substring(0, MAX_STACK_TRACE) + "..." : text;
    }
}
