package dev.obs.test;

import dev.obs.errors.CapturedError;
import dev.obs.test.internal.Describe;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one error event.
 *
 * <pre>{@code
 * assertThat(capture).errors().single()
 *         .hasType(IllegalStateException.class)
 *         .hasMessageContaining("out of stock")
 *         .isTaggedWithRequestId(response.requestId())
 *         .hasHttpStatus(500);
 * }</pre>
 */
public final class ErrorAssert extends AbstractAssert<ErrorAssert, CapturedError> {

    ErrorAssert(CapturedError error) {
        super(error, ErrorAssert.class);
    }

    /** Checks the exception's class (exactly, not a subclass). */
    public ErrorAssert hasType(Class<? extends Throwable> type) {
        if (!actual.exceptionType().equals(type.getName())) {
            failWithMessage("%nExpected error event%n  %s%nto be a %s, but it is a %s", Describe.error(actual), type.getName(),
                    actual.exceptionType());
        }
        return this;
    }

    /** Checks the exception's message, as reported (redacted). */
    public ErrorAssert hasMessage(String message) {
        if (!Objects.equals(actual.message(), message)) {
            failWithMessage("%nExpected error event%n  %s%nto have the message %s, but it has %s", Describe.error(actual),
                    Describe.value(message), Describe.value(actual.message()));
        }
        return this;
    }

    /** Checks that the exception's message contains {@code text}. */
    public ErrorAssert hasMessageContaining(String text) {
        if (actual.message() == null || !actual.message().contains(text)) {
            failWithMessage("%nExpected error event%n  %s%nto have a message containing %s, but its message is %s",
                    Describe.error(actual), Describe.value(text), Describe.value(actual.message()));
        }
        return this;
    }

    /** Checks that the event carries this request ID. */
    public ErrorAssert isTaggedWithRequestId(String requestId) {
        if (!Objects.equals(actual.requestId(), requestId)) {
            failWithMessage("%nExpected error event%n  %s%nto be tagged with request ID %s, but it is tagged with %s",
                    Describe.error(actual), requestId, actual.requestId() == null ? "none (it happened outside a request)"
                            : actual.requestId());
        }
        return this;
    }

    /** Checks that the event carries this trace ID. */
    public ErrorAssert isTaggedWithTraceId(String traceId) {
        if (!Objects.equals(actual.traceId(), traceId)) {
            failWithMessage("%nExpected error event%n  %s%nto be tagged with trace ID %s, but it is tagged with %s",
                    Describe.error(actual), traceId, actual.traceId());
        }
        return this;
    }

    /** Checks that the event carries the trace ID and span ID of {@code span}. */
    public ErrorAssert isTaggedWithSpan(SpanData span) {
        if (!Objects.equals(actual.traceId(), span.getTraceId()) || !Objects.equals(actual.spanId(), span.getSpanId())) {
            failWithMessage("%nExpected error event%n  %s%nto be tagged with span %s,%nbut it carries trace %s span %s",
                    Describe.error(actual), Describe.span(span), actual.traceId(), actual.spanId());
        }
        return this;
    }

    /** Checks where obs saw the error first (the HTTP filter, a traced method, a log line...). */
    public ErrorAssert hasSource(CapturedError.Source source) {
        if (actual.source() != source) {
            failWithMessage("%nExpected error event%n  %s%nto come from %s, but it comes from %s", Describe.error(actual), source,
                    actual.source());
        }
        return this;
    }

    /** Checks the response status of the request the error failed. */
    public ErrorAssert hasHttpStatus(int status) {
        if (actual.httpStatus() != status) {
            failWithMessage("%nExpected error event%n  %s%nto have failed a request with status %d, but %s", Describe.error(actual),
                    status, actual.httpStatus() == 0 ? "it has no HTTP status" : "the status is " + actual.httpStatus());
        }
        return this;
    }
}
