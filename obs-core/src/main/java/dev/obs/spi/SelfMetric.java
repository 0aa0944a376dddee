package dev.obs.spi;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * One of obs's own health metrics (dropped spans, dropped log events, errors seen...). Modules
 * create them through {@link SelfMetrics}; the metrics module exposes them as {@code obs_*}.
 */
public final class SelfMetric {

    /** Whether the metric only grows (a counter) or goes up and down (a gauge). */
    public enum Kind { COUNTER, GAUGE }

    private final String name;
    private final String description;
    private final List<String> tags;
    private final Kind kind;
    private final LongAdder count;
    private final DoubleSupplier gauge;

    SelfMetric(String name, String description, List<String> tags, Kind kind, DoubleSupplier gauge) {
        this.name = name;
        this.description = description;
        this.tags = List.copyOf(tags);
        this.kind = kind;
        this.count = kind == Kind.COUNTER ? new LongAdder() : null;
        this.gauge = gauge;
    }

    /** Counts one more. Only for counters. */
    public void increment() {
        count.increment();
    }

    /** Counts {@code n} more. Only for counters. */
    public void add(long n) {
        count.add(n);
    }

    /** The current value. */
    public double value() {
        return kind == Kind.COUNTER ? count.sum() : gauge.getAsDouble();
    }

    /** The dotted name, e.g. {@code obs.spans.dropped}; counters are exposed with {@code _total}. */
    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** Alternating tag keys and values. */
    public List<String> tags() {
        return tags;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return name + tags + "=" + value();
    }
}
