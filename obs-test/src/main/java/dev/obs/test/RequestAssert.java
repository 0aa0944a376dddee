package dev.obs.test;

import dev.obs.errors.CapturedError;
import dev.obs.test.internal.Describe;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;
import org.slf4j.event.Level;

/**
 * Assertions on one request, found by its request ID: its log lines, its spans (its trace) and its
 * error events.
 *
 * <pre>{@code
 * String id = response.requestId();
 * assertThat(capture).request(id).loggedAt(Level.WARN).withField("order_id", 42);
 * assertThat(capture).request(id).everyLogLineCarriesTraceId();
 * assertThat(capture).request(id).span("OrderService.placeOrder").hasParent(capture.span("POST /orders"));
 * assertThat(capture).request(id).errors().hasSize(1);
 * }</pre>
 */
public final class RequestAssert extends AbstractAssert<RequestAssert, String> {

    private final ObsCapture capture;

    RequestAssert(ObsCapture capture, String requestId) {
        super(requestId, RequestAssert.class);
        this.capture = capture;
    }

    /** The log lines logged under this request ID. */
    public LogLinesAssert logs() {
        return new LogLinesAssert(capture, capture.logsOfRequest(actual), capture.logs(), "the log lines of request " + actual);
    }

    /** The request's log lines at {@code level}; fails when there is none. */
    public LogLinesAssert loggedAt(Level level) {
        return logs().loggedAt(level);
    }

    /**
     * Checks that the request logged at least one line and that every line carries a
     * {@code trace_id} and {@code span_id}, the trace ID being the request's own (its server span's).
     */
    public RequestAssert everyLogLineCarriesTraceId() {
        List<CapturedLog> lines = capture.logsOfRequest(actual);
        if (lines.isEmpty()) {
            failWithMessage("%nExpected every log line of request %s to carry its trace ID, but the request logged no line.%n"
                    + "Request IDs seen in log lines: %s%nLog lines captured:%n%s", actual, requestIdsSeen(),
                    Describe.logs(capture.logs()));
        }
        String traceId = capture.traceIdOfRequest(actual);
        List<CapturedLog> wrong = lines.stream()
                .filter(line -> line.traceId() == null || line.traceId().isBlank() || line.spanId() == null
                        || line.spanId().isBlank() || !line.traceId().equals(traceId))
                .toList();
        if (!wrong.isEmpty()) {
            failWithMessage("%nExpected every log line of request %s to carry its trace ID %s (and a span ID), but %d of %d do not:%n"
                    + "%s%nAll lines of the request:%n%s", actual, traceId, wrong.size(), lines.size(), Describe.logs(wrong),
                    Describe.logs(lines));
        }
        return this;
    }

    /**
     * The request's server span (the one obs's filter started for it; when the request ID travelled on to
     * further hops, the first of them); fails when it was not captured.
     */
    public SpanAssert serverSpan() {
        List<SpanData> all = capture.spans();
        List<SpanData> server = all.stream()
                .filter(span -> actual.equals(span.getAttributes().get(ObsCapture.REQUEST_ID_ATTRIBUTE))).toList();
        if (server.isEmpty()) {
            failWithMessage("%nExpected a server span of request %s, but none was captured (was it sampled?).%nSpans captured:%n%s",
                    actual, Describe.spans(all));
        }
        // The request ID travels with outgoing calls, so a request may own several server spans (one
        // per hop, all in one trace): the request's own is the one whose parent is not among them.
        java.util.Set<String> serverIds = server.stream().map(SpanData::getSpanId).collect(java.util.stream.Collectors.toSet());
        java.util.Set<String> capturedIds = all.stream().map(SpanData::getSpanId).collect(java.util.stream.Collectors.toSet());
        SpanData first = server.stream()
                .filter(span -> !capturedIds.contains(span.getParentSpanId()) || !reachesAny(span, all, serverIds))
                .min(java.util.Comparator.comparingLong(SpanData::getStartEpochNanos))
                .orElse(server.get(0));
        return new SpanAssert(first, all);
    }

    // Whether another server span of the same request is an ancestor of this one.
    private static boolean reachesAny(SpanData span, List<SpanData> all, java.util.Set<String> serverIds) {
        java.util.Map<String, SpanData> byId = new java.util.HashMap<>();
        all.forEach(s -> byId.put(s.getSpanId(), s));
        SpanData current = byId.get(span.getParentSpanId());
        for (int hops = 0; current != null && hops < 64; hops++) {
            if (serverIds.contains(current.getSpanId())) {
                return true;
            }
            current = byId.get(current.getParentSpanId());
        }
        return false;
    }

    /** The one span named {@code name} in the request's trace; fails when there is none or more than one. */
    public SpanAssert span(String name) {
        List<SpanData> all = capture.spans();
        String traceId = capture.traceIdOfRequest(actual);
        if (traceId == null) {
            failWithMessage("%nExpected a span named \"%s\" in the trace of request %s, but nothing captured tells its trace ID "
                    + "(no server span, log line or error event of the request).%nSpans captured:%n%s", name, actual, Describe.spans(all));
        }
        List<SpanData> named = all.stream().filter(s -> s.getTraceId().equals(traceId) && s.getName().equals(name)).toList();
        if (named.size() != 1) {
            failWithMessage("%nExpected exactly one span named \"%s\" in the trace of request %s (%s), but %s.%nSpans captured:%n%s",
                    name, actual, traceId, named.isEmpty() ? "there is none" : "there are " + named.size(), Describe.spans(all));
        }
        return new SpanAssert(named.get(0), all);
    }

    /** The error events tagged with this request ID. */
    public ErrorsAssert errors() {
        List<CapturedError> errors = capture.errors().stream().filter(e -> Objects.equals(e.requestId(), actual)).toList();
        return new ErrorsAssert(errors, "error events of request " + actual);
    }

    private List<String> requestIdsSeen() {
        return capture.logs().stream().map(CapturedLog::requestId).filter(Objects::nonNull).distinct().toList();
    }
}
