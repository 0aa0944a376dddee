package dev.obs.metrics.internal;

import dev.obs.spi.Diagnostics;
import dev.obs.spi.SelfMetric;
import dev.obs.spi.SelfMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps the number of series (distinct tag combinations) per meter name, so that a tag fed with
 * unbounded values (raw URLs, user IDs) cannot grow memory or the exposition without bound. A meter
 * past the cap is denied: Micrometer hands the caller a no-op meter, the attempt is counted in
 * {@code obs_metrics_series_dropped_total{name=...}} and reported once per name on stderr.
 *
 * <p>Micrometer asks {@link #accept} only for meters it does not have yet, under its registration
 * lock, and tells the added/removed listeners under the same lock; counting the series there keeps
 * the count exact even when another filter denies a meter after this one.
 */
public final class CardinalityGuard implements MeterFilter {

    /** The self-metric counting denied registrations, exposed as {@code obs_metrics_series_dropped_total}. */
    public static final String DROPPED_METRIC = "obs.metrics.series.dropped";
    static final String DROPPED_DESCRIPTION =
            "Attempts to create a series beyond obs.metrics.max.series.per.name, by meter name; each one is a lost measurement";

    private final int maxSeriesPerName;
    private final SelfMetrics selfMetrics;
    private final Diagnostics diagnostics;
    private final Map<String, Set<Meter.Id>> seriesByName = new ConcurrentHashMap<>();
    private final Map<String, SelfMetric> droppedByName = new ConcurrentHashMap<>();

    public CardinalityGuard(int maxSeriesPerName, SelfMetrics selfMetrics, Diagnostics diagnostics) {
        this.maxSeriesPerName = maxSeriesPerName;
        this.selfMetrics = selfMetrics;
        this.diagnostics = diagnostics;
    }

    /** Adds the guard to {@code registry}; call before any meter is registered. */
    public void install(MeterRegistry registry) {
        registry.config()
                .meterFilter(this)
                .onMeterAdded(meter -> series(meter.getId().getName()).add(meter.getId()))
                .onMeterRemoved(meter -> series(meter.getId().getName()).remove(meter.getId()));
    }

    private Set<Meter.Id> series(String name) {
        return seriesByName.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet());
    }

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        String name = id.getName();
        if (name.equals(DROPPED_METRIC)) {
            return MeterFilterReply.NEUTRAL; // one series per guarded name, and counting it here would recurse
        }
        Set<Meter.Id> existing = seriesByName.get(name);
        if (existing == null || existing.size() < maxSeriesPerName || existing.contains(id)) {
            return MeterFilterReply.NEUTRAL;
        }
        dropped(name).increment();
        return MeterFilterReply.DENY;
    }

    private SelfMetric dropped(String name) {
        SelfMetric counter = droppedByName.get(name);
        if (counter != null) {
            return counter;
        }
        // Created outside any map computation: registering the counter re-enters this filter.
        counter = selfMetrics.counter(DROPPED_METRIC, DROPPED_DESCRIPTION, "name", name);
        SelfMetric raced = droppedByName.putIfAbsent(name, counter);
        if (raced == null) {
            diagnostics.warnOnce("metrics-series-cap-" + name, "meter " + name + " reached " + maxSeriesPerName
                    + " distinct tag combinations (obs.metrics.max.series.per.name); new ones are dropped and counted in"
                    + " obs_metrics_series_dropped_total{name=\"" + name + "\"}. A tag of it carries unbounded values"
                    + " (raw paths, IDs): use route templates (HttpRoute.set) and bounded tag values, or raise the cap");
        }
        return raced != null ? raced : counter;
    }
}
