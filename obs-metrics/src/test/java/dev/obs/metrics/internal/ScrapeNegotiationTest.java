package dev.obs.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScrapeNegotiationTest {

    @Test
    void choosesOpenMetricsOnlyWhenItRanksAtLeastAsHighAsText() {
        assertThat(ScrapeHandler.prefersOpenMetrics(null)).isFalse();
        assertThat(ScrapeHandler.prefersOpenMetrics(List.of("*/*"))).isFalse();
        assertThat(ScrapeHandler.prefersOpenMetrics(List.of("text/plain;version=0.0.4"))).isFalse();
        assertThat(ScrapeHandler.prefersOpenMetrics(List.of("application/openmetrics-text"))).isTrue();
        assertThat(ScrapeHandler.prefersOpenMetrics(List.of("Application/OpenMetrics-Text; version=1.0.0"))).isTrue();
        assertThat(ScrapeHandler.prefersOpenMetrics(List.of("application/openmetrics-text;q=0"))).isFalse();
        assertThat(ScrapeHandler.prefersOpenMetrics(List.of("text/plain;q=0.9, application/openmetrics-text;q=0.5"))).isFalse();
        assertThat(ScrapeHandler.prefersOpenMetrics(List.of("text/plain;q=0.5", "application/openmetrics-text"))).isTrue();
        assertThat(ScrapeHandler.prefersOpenMetrics(List.of("application/openmetrics-text;q=nonsense"))).isFalse();
    }

    @Test
    void compressesOnlyWhenGzipIsAccepted() {
        assertThat(ScrapeHandler.acceptsGzip(null)).isFalse();
        assertThat(ScrapeHandler.acceptsGzip(List.of("identity"))).isFalse();
        assertThat(ScrapeHandler.acceptsGzip(List.of("gzip"))).isTrue();
        assertThat(ScrapeHandler.acceptsGzip(List.of("br, GZIP;q=0.5"))).isTrue();
        assertThat(ScrapeHandler.acceptsGzip(List.of("gzip;q=0"))).isFalse();
    }
}
