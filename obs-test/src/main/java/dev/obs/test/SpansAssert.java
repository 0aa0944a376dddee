package dev.obs.test;

import dev.obs.test.internal.Describe;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on all the spans a test finished.
 *
 * <pre>{@code
 * assertThat(capture).spans().hasSize(2).hasNames("POST /orders", "OrderService.placeOrder");
 * }</pre>
 */
public final class SpansAssert extends AbstractAssert<SpansAssert, List<SpanData>> {

    SpansAssert(List<SpanData> spans) {
        super(spans, SpansAssert.class);
    }

    /** Checks how many spans finished. */
    public SpansAssert hasSize(int expected) {
        if (actual.size() != expected) {
            failWithMessage("%nExpected %d spans, but %d were captured:%n%s", expected, actual.size(), Describe.spans(actual));
        }
        return this;
    }

    /** Checks that no span finished. */
    public SpansAssert isEmpty() {
        return hasSize(0);
    }

    /** Checks the names of the spans, exactly these (a name once per span), in any order. */
    public SpansAssert hasNames(String... names) {
        List<String> actualNames = new ArrayList<>(actual.stream().map(SpanData::getName).sorted().toList());
        List<String> expected = Arrays.stream(names).sorted().toList();
        if (!actualNames.equals(expected)) {
            failWithMessage("%nExpected spans named %s (in any order), but they are named %s:%n%s", expected, actualNames,
                    Describe.spans(actual));
        }
        return this;
    }

    /** Checks that among the spans there are ones with these names. */
    public SpansAssert containsNames(String... names) {
        List<String> remaining = new ArrayList<>(actual.stream().map(SpanData::getName).toList());
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!remaining.remove(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            failWithMessage("%nExpected spans named %s, but %s %s missing.%nSpans captured:%n%s", Arrays.asList(names), missing,
                    missing.size() == 1 ? "is" : "are", Describe.spans(actual));
        }
        return this;
    }

    /** Checks that no span has this name. */
    public SpansAssert doesNotContainName(String name) {
        if (actual.stream().anyMatch(s -> s.getName().equals(name))) {
            failWithMessage("%nExpected no span named \"%s\", but there is one:%n%s", name, Describe.spans(actual));
        }
        return this;
    }
}
