package dev.obs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.metrics.support.Exposition;
import dev.obs.metrics.support.ProbeModule;
import dev.obs.metrics.support.TestService;
import dev.obs.spi.SelfMetric;
import dev.obs.testing.IsolatedObs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SelfMetricsTest {

    private TestService service;

    @BeforeEach
    void install() {
        Observability obs = IsolatedObs.builder().set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1")
                .shutdownHook(false).install();
        service = new TestService(obs);
    }

    @AfterEach
    void reset() {
        service.close();
        ProbeModule.QUEUE_DEPTH.set(0);
        Observability.resetForTesting();
    }

    @Test
    void exposesCountersOfOtherModulesWithTotalAndTheirTags() {
        ProbeModule.dropped().add(3);

        Exposition exposition = service.scrape();

        assertThat(exposition.value("obs_probe_events_dropped_total", "reason", "queue_full")).isEqualTo(3);
        assertThat(exposition.types()).containsEntry("obs_probe_events_dropped_total", "counter");
        assertThat(exposition.text()).contains("# HELP obs_probe_events_dropped_total Probe events dropped because the queue was full");
    }

    @Test
    void readsGaugesAtEachScrape() {
        ProbeModule.QUEUE_DEPTH.set(7);
        assertThat(service.scrape().value("obs_probe_queue_depth")).isEqualTo(7);

        ProbeModule.QUEUE_DEPTH.set(2);
        assertThat(service.scrape().value("obs_probe_queue_depth")).isEqualTo(2);
    }

    @Test
    void exposesSelfMetricsCreatedAfterStart() {
        SelfMetric late = ProbeModule.context().selfMetrics().counter("obs.probe.retries", "Probe retries", "target", "sentry");
        late.increment();

        assertThat(service.scrape().value("obs_probe_retries_total", "target", "sentry")).isEqualTo(1);
    }
}
