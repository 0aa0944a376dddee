package dev.obs.errors.internal;

import dev.obs.spi.SelfMetric;
import dev.obs.spi.SelfMetrics;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts captured errors in {@code obs_errors_total} by exception class. The number of classes
 * is capped so that a flood of generated exception types cannot grow the metrics without bound;
 * past the cap, errors are counted under {@code type="other"}.
 */
final class ErrorCounter {

    static final String METRIC = "obs.errors";
    static final String OTHER = "other";
    private static final String DESCRIPTION = "Errors captured by the errors module, by exception class";

    private final SelfMetrics metrics;
    private final int maxTypes;
    private final ConcurrentMap<String, SelfMetric> byType = new ConcurrentHashMap<>();
    private final SelfMetric other;

    ErrorCounter(SelfMetrics metrics, int maxTypes) {
        this.metrics = metrics;
        this.maxTypes = maxTypes;
        this.other = metrics.counter(METRIC, DESCRIPTION, "type", OTHER);
    }

    void increment(String type) {
        SelfMetric counter = byType.get(type);
        if (counter == null) {
            if (byType.size() >= maxTypes) {
                counter = other;
            } else {
                counter = byType.computeIfAbsent(type, t -> metrics.counter(METRIC, DESCRIPTION, "type", t));
            }
        }
        counter.increment();
    }
}
