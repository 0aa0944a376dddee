package dev.obs.errors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.spi.SelfMetric;
import dev.obs.spi.SelfMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorCounterTest {

    @Test
    void countsByTypeAndCapsTheNumberOfTypes() {
        SelfMetrics metrics = new SelfMetrics();
        ErrorCounter counter = new ErrorCounter(metrics, 3);
        counter.increment("com.acme.A");
        counter.increment("com.acme.A");
        for (int i = 0; i < 50; i++) {
            counter.increment("com.acme.Generated" + i);
        }
        List<SelfMetric> series = metrics.all().stream().filter(m -> m.name().equals("obs.errors")).toList();
        assertThat(series).hasSize(4); // three types and "other"
        assertThat(value(series, "com.acme.A")).isEqualTo(2);
        assertThat(value(series, "other")).isEqualTo(48);
        assertThat(series.stream().mapToDouble(SelfMetric::value).sum()).isEqualTo(52);
    }

    private static double value(List<SelfMetric> series, String type) {
        return series.stream().filter(m -> m.tags().equals(List.of("type", type))).findFirst().orElseThrow().value();
    }
}
