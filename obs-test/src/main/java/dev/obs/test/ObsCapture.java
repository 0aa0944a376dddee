package dev.obs.test;

import com.sun.net.httpserver.HttpHandler;
import dev.obs.Observability;
import dev.obs.errors.CapturedError;
import dev.obs.errors.ObsErrors;
import dev.obs.test.internal.CapturedSpans;
import dev.obs.test.internal.CapturingAppender;
import dev.obs.test.internal.Describe;
import dev.obs.tracing.ObsTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What obs captured during one test: log lines, finished spans, meters and error events. Get it as
 * a parameter of a test (or {@code @BeforeEach}) method run with {@link ObsTest} or
 * {@link ObsExtension}.
 *
 * <pre>{@code
 * @ObsTest
 * class OrdersTest {
 *     @Test
 *     void rejectsAnUnknownOrder(ObsCapture capture) {
 *         HttpResult response = capture.http("/orders", new OrdersHandler(service)).get("/orders/42");
 *
 *         assertThat(capture).request(response.requestId()).loggedAt(WARN).withField("order_id", 42);
 *         assertThat(capture).span("OrderService.find").hasParentNamed("GET /orders/{id}");
 *     }
 * }
 * }</pre>
 *
 * {@code assertThat(capture)} is AssertJ's own {@code Assertions.assertThat}: the capture is an
 * {@link AssertProvider} of {@link ObsCaptureAssert} (or use {@link ObsAssertions#assertThat}).
 * Lists are snapshots, oldest first; after the test ends they stay as they were at its end.
 */
public final class ObsCapture implements org.assertj.core.api.AssertProvider<ObsCaptureAssert> {

    static final AttributeKey<String> REQUEST_ID_ATTRIBUTE = AttributeKey.stringKey("obs.request_id");

    private final Observability observability;
    private final CapturingAppender logAppender; // null when SLF4J is not bound to Logback
    private final MeterRegistry registry;
    private final CapturedSpans.Exporter exported; // null when obs.traces.exporter was set to another exporter
    private final Set<CapturedError> clearedErrors = Collections.newSetFromMap(new IdentityHashMap<>());
    private volatile Frozen frozen;

    private record Frozen(List<CapturedLog> logs, List<SpanData> spans, List<CapturedError> errors) {
    }

    /** How long reading the spans waits for the export queue to be handed to the exporter. */
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(30);

    ObsCapture(Observability observability, CapturingAppender logAppender, MeterRegistry registry,
               CapturedSpans.Exporter exported) {
        this.observability = observability;
        this.exported = exported;
        this.logAppender = logAppender;
        this.registry = registry;
    }

    /** The obs instance installed for this test. */
    public Observability observability() {
        return observability;
    }

    /** The log lines captured so far (at most {@link ObsExtension#DEFAULT_LOG_CAPACITY}, the latest kept). */
    public List<CapturedLog> logs() {
        Frozen f = frozen;
        if (f != null) {
            return f.logs();
        }
        return logAppender == null ? List.of() : logAppender.lines();
    }

    /** The log lines logged under this request ID. */
    public List<CapturedLog> logsOfRequest(String requestId) {
        return logs().stream().filter(line -> Objects.equals(line.requestId(), requestId)).toList();
    }

    /**
     * The spans finished so far, sampled or kept, in the order they were queued for export: exactly
     * what the span exporter received (redacted, cut to the attribute limits), flushed from the
     * export queue first.
     */
    public List<SpanData> spans() {
        Frozen f = frozen;
        if (f != null) {
            return f.spans();
        }
        if (exported == null) {
            return ObsTracing.recentSpans();
        }
        if (!ObsTracing.flush(FLUSH_TIMEOUT)) {
            throw new AssertionError("the spans queued for export did not reach the exporter within " + FLUSH_TIMEOUT.toSeconds() + "s");
        }
        return exported.spans();
    }

    /** The finished spans named {@code name}. */
    public List<SpanData> spans(String name) {
        return spans().stream().filter(span -> span.getName().equals(name)).toList();
    }

    /**
     * The one finished span named {@code name}, e.g. to check another span's parent.
     *
     * @throws AssertionError when there is none or more than one, listing the spans captured
     */
    public SpanData span(String name) {
        List<SpanData> all = spans();
        List<SpanData> named = all.stream().filter(span -> span.getName().equals(name)).toList();
        if (named.size() != 1) {
            throw new AssertionError(String.format("%nExpected exactly one span named \"%s\", but %s.%nSpans captured:%n%s",
                    name, named.isEmpty() ? "there is none" : "there are " + named.size(), Describe.spans(all)));
        }
        return named.get(0);
    }

    /** The registry obs's meters live in during this test ({@code ObsMetrics.registry()}). */
    public MeterRegistry meters() {
        return registry;
    }

    /** The error events captured so far. */
    public List<CapturedError> errors() {
        Frozen f = frozen;
        if (f != null) {
            return f.errors();
        }
        List<CapturedError> all = ObsErrors.recent();
        synchronized (clearedErrors) {
            return clearedErrors.isEmpty() ? all : all.stream().filter(e -> !clearedErrors.contains(e)).toList();
        }
    }

    /**
     * The trace ID of a request: its server span's, else the one its log lines or error events carry;
     * {@code null} when nothing of the request was captured.
     */
    public String traceIdOfRequest(String requestId) {
        for (SpanData span : spans()) {
            if (requestId.equals(span.getAttributes().get(REQUEST_ID_ATTRIBUTE))) {
                return span.getTraceId();
            }
        }
        for (CapturedLog line : logsOfRequest(requestId)) {
            if (line.traceId() != null) {
                return line.traceId();
            }
        }
        for (CapturedError error : errors()) {
            if (requestId.equals(error.requestId()) && error.traceId() != null) {
                return error.traceId();
            }
        }
        return null;
    }

    /**
     * A driver that sends requests to {@code handler} through obs's HTTP server filter, as if it
     * were registered on the JDK server at {@code contextPath} (whose path is the route, unless the
     * handler calls {@code HttpRoute.set}).
     */
    public HttpDriver http(String contextPath, HttpHandler handler) {
        return new HttpDriver(contextPath, handler, observability.httpServerFilter(),
                observability.config().getString("obs.request.id.header"), Map.of());
    }

    /** {@link #http(String, HttpHandler)} with the context path {@code /}. */
    public HttpDriver http(HttpHandler handler) {
        return http("/", handler);
    }

    /**
     * Forgets the log lines, spans and error events captured so far, e.g. after a warm-up
     * request. Meters keep their values: they belong to the code that registered them.
     */
    public void clear() {
        if (logAppender != null) {
            logAppender.clear();
        }
        ObsTracing.clearRecentSpans();
        if (exported != null) {
            ObsTracing.flush(FLUSH_TIMEOUT); // what was queued before now is forgotten too
            exported.clear();
        }
        synchronized (clearedErrors) {
            clearedErrors.addAll(ObsErrors.recent());
        }
    }

    /** Whether log lines are captured (they are when SLF4J is bound to Logback). */
    boolean capturesLogs() {
        return logAppender != null;
    }

    /** How many of the oldest log lines were forgotten for lack of room. */
    long droppedLogLines() {
        return logAppender == null ? 0 : logAppender.dropped();
    }

    /** Keeps what was captured as it is at the end of the test, before obs is closed. */
    void freeze() {
        frozen = new Frozen(logs(), spans(), errors());
    }

    @Override
    public ObsCaptureAssert assertThat() {
        return new ObsCaptureAssert(this);
    }

    @Override
    public String toString() {
        return "ObsCapture(" + logs().size() + " log lines, " + spans().size() + " spans, " + registry.getMeters().size()
                + " meters, " + errors().size() + " error events)";
    }
}
