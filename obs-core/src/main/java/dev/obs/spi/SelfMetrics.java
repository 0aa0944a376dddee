package dev.obs.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * obs's own health metrics. Any module counts what it drops here; the metrics module, when present,
 * exposes every one of them, including those created later.
 *
 * <pre>{@code
 * SelfMetric dropped = context.selfMetrics().counter("obs.spans.dropped",
 *         "Spans dropped because the export queue was full", "reason", "queue_full");
 * dropped.increment();
 * }</pre>
 */
public final class SelfMetrics {

    private final Map<String, SelfMetric> metrics = new ConcurrentHashMap<>();
    private final List<Consumer<SelfMetric>> listeners = new CopyOnWriteArrayList<>();

    /** The counter with this name and tags, created on first use. Tags alternate keys and values. */
    public SelfMetric counter(String name, String description, String... tags) {
        return register(name, description, tags, SelfMetric.Kind.COUNTER, null);
    }

    /** A gauge read from {@code value} at each scrape. Registering the same name and tags again keeps the first. */
    public SelfMetric gauge(String name, String description, DoubleSupplier value, String... tags) {
        return register(name, description, tags, SelfMetric.Kind.GAUGE, value);
    }

    private SelfMetric register(String name, String description, String[] tags, SelfMetric.Kind kind, DoubleSupplier gauge) {
        if (tags.length % 2 != 0) {
            throw new IllegalArgumentException("tags alternate keys and values: " + Arrays.toString(tags));
        }
        String id = name + Arrays.toString(tags);
        SelfMetric[] created = new SelfMetric[1];
        SelfMetric metric = metrics.computeIfAbsent(id, k -> created[0] = new SelfMetric(name, description, List.of(tags), kind, gauge));
        if (metric.kind() != kind) {
            throw new IllegalArgumentException(name + " is already registered as a " + metric.kind());
        }
        if (created[0] != null) {
            for (Consumer<SelfMetric> listener : listeners) {
                listener.accept(metric);
            }
        }
        return metric;
    }

    /** Calls {@code listener} for every metric there is and every one created later. */
    public void subscribe(Consumer<SelfMetric> listener) {
        listeners.add(listener);
        for (SelfMetric metric : new ArrayList<>(metrics.values())) {
            listener.accept(metric);
        }
    }

    /** Every metric created so far. */
    public List<SelfMetric> all() {
        return List.copyOf(metrics.values());
    }
}
