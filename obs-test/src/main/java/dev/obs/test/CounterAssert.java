package dev.obs.test;

import dev.obs.test.internal.Describe;
import io.micrometer.core.instrument.Counter;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the counters of one name; counts add up over the series unless {@link #withTag}
 * picks some.
 *
 * <pre>{@code
 * assertThat(capture).counter("orders.placed").withTag("tier", "gold").hasCount(1);
 * }</pre>
 */
public final class CounterAssert extends AbstractAssert<CounterAssert, List<Counter>> {

    private final String name;
    private final String selection;

    CounterAssert(String name, List<Counter> counters, String selection) {
        super(counters, CounterAssert.class);
        this.name = name;
        this.selection = selection;
    }

    /** The series with this tag; fails when there is none. */
    public CounterAssert withTag(String key, String value) {
        List<Counter> kept = actual.stream().filter(c -> Objects.equals(c.getId().getTag(key), value)).toList();
        if (kept.isEmpty()) {
            failWithMessage("%nExpected %s to have a series tagged %s=%s, but none is.%nIts series:%n%s", selection, key, value,
                    Describe.meters(actual));
        }
        return new CounterAssert(name, kept, selection + " tagged " + key + "=" + value);
    }

    /** Checks the counter's total. */
    public CounterAssert hasCount(double expected) {
        double count = actual.stream().mapToDouble(Counter::count).sum();
        if (count != expected) {
            failWithMessage("%nExpected %s to count %s, but it counts %s.%nIts series:%n%s", selection, Describe.number(expected),
                    Describe.number(count), Describe.meters(actual));
        }
        return this;
    }
}
