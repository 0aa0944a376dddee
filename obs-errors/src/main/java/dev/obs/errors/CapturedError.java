package dev.obs.errors;

import java.time.Instant;

/**
 * One error obs captured, as kept in memory by {@link ObsErrors#recent()}: what failed, where obs
 * saw it, and the IDs that lead to its trace, its log lines and its Sentry event. Texts are
 * already redacted.
 *
 * <pre>{@code
 * CapturedError error = ObsErrors.recent().get(0);
 * assertThat(error.exceptionType()).isEqualTo("java.lang.IllegalStateException");
 * assertThat(error.requestId()).isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
 * }</pre>
 *
 * @param time          when it was reported
 * @param exceptionType the exception's class name, e.g. {@code java.lang.IllegalStateException}
 * @param message       the exception's message, redacted, or {@code null}
 * @param source        where it was reported from: {@link Source#HTTP_SERVER} when it escaped a request's
 *                      handler, whatever it passed on the way; otherwise the first point that saw it
 * @param requestId     the request ID, or {@code null} outside a unit of work
 * @param traceId       the trace ID, or {@code null}
 * @param spanId        the span ID, or {@code null}
 * @param httpMethod    the HTTP method of the request it failed, or {@code null}
 * @param httpRoute     the route template of that request, or {@code null}
 * @param httpStatus    the response status of that request, or {@code 0}
 * @param eventId       the Sentry event ID when it was handed to Sentry, or {@code null}
 *                      (no DSN, or not sampled)
 */
public record CapturedError(Instant time, String exceptionType, String message, Source source, String requestId,
                            String traceId, String spanId, String httpMethod, String httpRoute, int httpStatus,
                            String eventId) {

    /** Where obs saw an error first. */
    public enum Source {
        /** It escaped a handler behind obs's HTTP server filter. */
        HTTP_SERVER,
        /** It escaped a {@code @Traced} method or an {@code obs.trace(...)} block. */
        TRACED_METHOD,
        /** Nothing caught it and it ended a thread. */
        UNCAUGHT,
        /** It was attached to an ERROR log line. */
        LOG,
        /** The application handed it to {@link ObsErrors#capture(Throwable)}. */
        MANUAL
    }
}
