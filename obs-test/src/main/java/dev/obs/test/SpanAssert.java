package dev.obs.test;

import dev.obs.test.internal.Describe;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one finished span. Failure messages show every span captured, as trees.
 *
 * <pre>{@code
 * SpanData server = capture.span("POST /orders");
 * assertThat(capture).span("OrderService.placeOrder")
 *         .hasParent(server)
 *         .hasStatus(StatusCode.ERROR)
 *         .hasRecordedException(IllegalStateException.class);
 * }</pre>
 */
public final class SpanAssert extends AbstractAssert<SpanAssert, SpanData> {

    private final List<SpanData> all;

    SpanAssert(SpanData span, List<SpanData> all) {
        super(span, SpanAssert.class);
        this.all = all;
    }

    /** Checks that {@code parent} is this span's parent (same trace, parent span ID). */
    public SpanAssert hasParent(SpanData parent) {
        if (!actual.getTraceId().equals(parent.getTraceId()) || !actual.getParentSpanId().equals(parent.getSpanId())) {
            failWithMessage("%nExpected span %s%nto be a child of %s,%nbut its parent is %s.%nSpans captured:%n%s", Describe.span(actual),
                    Describe.span(parent), parentDescription(), Describe.spans(all));
        }
        return this;
    }

    /** Same as {@link #hasParent(SpanData)}. */
    public SpanAssert isChildOf(SpanData parent) {
        return hasParent(parent);
    }

    /** Checks that this span's parent was captured and is named {@code name}. */
    public SpanAssert hasParentNamed(String name) {
        Optional<SpanData> parent = parent();
        if (parent.isEmpty() || !parent.get().getName().equals(name)) {
            failWithMessage("%nExpected span %s%nto have a parent named \"%s\",%nbut its parent is %s.%nSpans captured:%n%s",
                    Describe.span(actual), name, parentDescription(), Describe.spans(all));
        }
        return this;
    }

    /** Checks that this span starts its trace (no parent, not even a remote one). */
    public SpanAssert isRoot() {
        if (actual.getParentSpanContext().isValid()) {
            failWithMessage("%nExpected span %s%nto be a root span, but its parent is %s.%nSpans captured:%n%s", Describe.span(actual),
                    parentDescription(), Describe.spans(all));
        }
        return this;
    }

    /** Checks the span's status ({@code UNSET}, {@code OK} or {@code ERROR}). */
    public SpanAssert hasStatus(StatusCode expected) {
        StatusCode status = actual.getStatus().getStatusCode();
        if (status != expected) {
            String description = actual.getStatus().getDescription();
            failWithMessage("%nExpected span %s%nto have status %s, but it has status %s%s.%nSpans captured:%n%s", Describe.span(actual),
                    expected, status, description == null || description.isEmpty() ? "" : " (\"" + description + "\")",
                    Describe.spans(all));
        }
        return this;
    }

    /** Checks the span's kind, e.g. {@code SERVER} for the span of an HTTP request, {@code INTERNAL} for {@code @Traced}. */
    public SpanAssert hasKind(SpanKind expected) {
        if (actual.getKind() != expected) {
            failWithMessage("%nExpected span %s%nto be of kind %s, but it is %s", Describe.span(actual), expected, actual.getKind());
        }
        return this;
    }

    /** Checks an attribute; {@code 42} matches a long attribute of 42. */
    public SpanAssert hasAttribute(String key, Object expected) {
        Object value = null;
        boolean present = false;
        for (Map.Entry<AttributeKey<?>, Object> entry : actual.getAttributes().asMap().entrySet()) {
            if (entry.getKey().getKey().equals(key)) {
                value = entry.getValue();
                present = true;
            }
        }
        if (!present || !Describe.sameValue(expected, value)) {
            failWithMessage("%nExpected span %s%nto have attribute %s=%s, but %s.%nIts attributes: %s", Describe.span(actual), key,
                    Describe.value(expected), present ? "it is " + Describe.value(value) : "it has no such attribute",
                    Describe.attributes(attributes()));
        }
        return this;
    }

    /** Checks that the span recorded an exception of this type (an {@code exception} event). */
    public SpanAssert hasRecordedException(Class<? extends Throwable> type) {
        List<String> recorded = actual.getEvents().stream().filter(e -> e.getName().equals("exception"))
                .map(SpanAssert::exceptionType).toList();
        if (!recorded.contains(type.getName())) {
            failWithMessage("%nExpected span %s%nto have recorded a %s, but it recorded %s", Describe.span(actual), type.getName(),
                    recorded.isEmpty() ? "no exception" : recorded);
        }
        return this;
    }

    /** Checks that the span belongs to the trace {@code traceId}. */
    public SpanAssert hasTraceId(String traceId) {
        if (!actual.getTraceId().equals(traceId)) {
            failWithMessage("%nExpected span %s%nto belong to trace %s, but it belongs to %s", Describe.span(actual), traceId,
                    actual.getTraceId());
        }
        return this;
    }

    private static String exceptionType(EventData event) {
        Object type = event.getAttributes().get(AttributeKey.stringKey("exception.type"));
        return String.valueOf(type);
    }

    private Map<String, Object> attributes() {
        Map<String, Object> out = new java.util.TreeMap<>();
        actual.getAttributes().forEach((k, v) -> out.put(k.getKey(), v));
        return out;
    }

    private Optional<SpanData> parent() {
        return all.stream().filter(s -> s.getTraceId().equals(actual.getTraceId()) && s.getSpanId().equals(actual.getParentSpanId()))
                .findFirst();
    }

    private String parentDescription() {
        if (!actual.getParentSpanContext().isValid()) {
            return "none (it is a root span)";
        }
        return parent().map(Describe::span)
                .orElse("span " + actual.getParentSpanId() + (actual.getParentSpanContext().isRemote() ? " (remote, " : " (")
                        + "not captured)");
    }
}
