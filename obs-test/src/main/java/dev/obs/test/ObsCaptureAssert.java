package dev.obs.test;

import dev.obs.errors.CapturedError;
import dev.obs.test.internal.Describe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collection;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on everything a test captured; each method leads to the signal the question is about.
 *
 * <pre>{@code
 * assertThat(capture).request(id).loggedAt(WARN).withField("order_id", 42);
 * assertThat(capture).request(id).everyLogLineCarriesTraceId();
 * assertThat(capture).span("OrderService.placeOrder").hasParentNamed("POST /orders").hasStatus(StatusCode.ERROR);
 * assertThat(capture).timer("orders.place").hasCount(3);
 * assertThat(capture).errors().hasSize(1).first().hasType(IllegalStateException.class).isTaggedWithRequestId(id);
 * }</pre>
 */
public final class ObsCaptureAssert extends AbstractAssert<ObsCaptureAssert, ObsCapture> {

    ObsCaptureAssert(ObsCapture capture) {
        super(capture, ObsCaptureAssert.class);
        isNotNull();
    }

    /** The log lines of the request with this ID (its {@code request_id}), and its spans and error events. */
    public RequestAssert request(String requestId) {
        if (requestId == null) {
            failWithMessage("%nExpected a request ID, but it was null (was the request served through obs's filter?)");
        }
        return new RequestAssert(actual, requestId);
    }

    /** All log lines captured. */
    public LogLinesAssert logs() {
        List<CapturedLog> lines = actual.logs();
        return new LogLinesAssert(actual, lines, lines, "the log lines");
    }

    /** All finished spans. */
    public SpansAssert spans() {
        return new SpansAssert(actual.spans());
    }

    /** The one finished span named {@code name}; fails when there is none or more than one. */
    public SpanAssert span(String name) {
        List<SpanData> all = actual.spans();
        List<SpanData> named = all.stream().filter(s -> s.getName().equals(name)).toList();
        if (named.size() != 1) {
            failWithMessage("%nExpected exactly one span named \"%s\", but %s.%nSpans captured:%n%s", name,
                    named.isEmpty() ? "there is none" : "there are " + named.size(), Describe.spans(all));
        }
        return new SpanAssert(named.get(0), all);
    }

    /** The timers named {@code name} (Micrometer's name, e.g. {@code orders.place}); fails when there is none. */
    public TimerAssert timer(String name) {
        Collection<Timer> timers = actual.meters().find(name).timers();
        if (timers.isEmpty()) {
            failWithMessage("%nExpected a timer named \"%s\", but there is none.%nMeters:%n%s", name,
                    Describe.meters(actual.meters().getMeters()));
        }
        return new TimerAssert(name, List.copyOf(timers), "timer \"" + name + "\"");
    }

    /** The counters named {@code name}; fails when there is none. */
    public CounterAssert counter(String name) {
        Collection<Counter> counters = actual.meters().find(name).counters();
        if (counters.isEmpty()) {
            failWithMessage("%nExpected a counter named \"%s\", but there is none.%nMeters:%n%s", name,
                    Describe.meters(actual.meters().getMeters()));
        }
        return new CounterAssert(name, List.copyOf(counters), "counter \"" + name + "\"");
    }

    /** The error events captured. */
    public ErrorsAssert errors() {
        List<CapturedError> errors = actual.errors();
        return new ErrorsAssert(errors, "error events");
    }
}
