package dev.obs.spi;

/**
 * An error the errors module reported, with its texts redacted.
 *
 * @param epochMillis when it was reported
 * @param type        the exception's class name
 * @param message     its message, redacted, or {@code null}
 * @param location    where it was thrown: the top frame, e.g. {@code com.acme.Orders.place(Orders.java:42)}
 * @param stackTrace  the stack trace with causes, messages redacted, bounded in length
 * @param requestId   the request it failed, or {@code null}
 * @param traceId     its trace ID, or {@code null}
 * @param eventId     the Sentry event ID when it was sent, or {@code null}
 */
public record ErrorEvent(long epochMillis, String type, String message, String location, String stackTrace,
                         String requestId, String traceId, String eventId) {
}
