package dev.obs.examples.quickstart;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;

/** Connects the connection pool to Micrometer's global registry, which obs exposes on /metrics. */
final class Metrics {

    private Metrics() {
    }

    static void bindPool(HikariDataSource dataSource) {
        dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(io.micrometer.core.instrument.Metrics.globalRegistry));
    }
}
