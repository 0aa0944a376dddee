package dev.obs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import dev.obs.metrics.support.Exposition;
import dev.obs.metrics.support.TestService;
import dev.obs.testing.IsolatedObs;
import io.micrometer.core.instrument.Counter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExemplarTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SAMPLED = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
    private static final String NOT_SAMPLED = "00-" + TRACE_ID + "-00f067aa0ba902b7-00";

    private TestService service;

    private void install(String exemplars) {
        Observability obs = IsolatedObs.builder().set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1")
                .set("obs.metrics.exemplars.enabled", exemplars).shutdownHook(false).install();
        service = new TestService(obs).route("/orders", exchange -> {
            Counter.builder("orders.placed").description("Orders placed").register(ObsMetrics.registry()).increment();
            TestService.respond(exchange, 200, "ok");
        });
    }

    @AfterEach
    void reset() {
        service.close();
        Observability.resetForTesting();
    }

    @Test
    void histogramBucketsAndCountersCarryTheTraceOfASampledRequest() {
        install("true");
        service.get("/orders", "traceparent", SAMPLED);

        Exposition openMetrics = service.scrapeOpenMetrics();

        List<Exposition.Sample> withExemplars = openMetrics.samples("http_server_request_duration_seconds_bucket").stream()
                .filter(s -> !s.exemplar().isEmpty()).toList();
        assertThat(withExemplars).isNotEmpty();
        assertThat(withExemplars.get(0).exemplar()).containsEntry("trace_id", TRACE_ID).containsKey("span_id");
        assertThat(openMetrics.sample("orders_placed_total").exemplar()).containsEntry("trace_id", TRACE_ID);
        assertThat(openMetrics.text()).endsWith("# EOF\n");
        // OpenMetrics 1.0 allows exemplars on buckets and counters only; Prometheus 2.x fails the whole scrape otherwise.
        assertThat(openMetrics.samples("http_server_request_duration_seconds_count")).allMatch(s -> s.exemplar().isEmpty());
        assertThat(openMetrics.samples("http_server_request_duration_seconds_sum")).allMatch(s -> s.exemplar().isEmpty());
    }

    @Test
    void theTextFormatCarriesNoExemplars() {
        install("true");
        service.get("/orders", "traceparent", SAMPLED);

        assertThat(service.scrape().samples()).allMatch(s -> s.exemplar().isEmpty());
        assertThat(service.scrape().text()).doesNotContain(TRACE_ID);
    }

    @Test
    void unsampledRequestsLeaveNoExemplar() {
        install("true");
        service.get("/orders", "traceparent", NOT_SAMPLED);

        assertThat(service.scrapeOpenMetrics().samples()).allMatch(s -> s.exemplar().isEmpty());
    }

    @Test
    void exemplarsCanBeTurnedOff() {
        install("false");
        service.get("/orders", "traceparent", SAMPLED);

        assertThat(service.scrapeOpenMetrics().samples()).allMatch(s -> s.exemplar().isEmpty());
    }

    @Test
    void carriesTheSpanIdWhenATracingModuleSetOne() {
        install("true");
        RequestContext context = RequestContext.newRequest("job-1").withTrace(TRACE_ID, "00f067aa0ba902b7", true);
        ContextScope scope = context.makeCurrent();
        try {
            Counter.builder("jobs.run").description("Jobs run").register(ObsMetrics.registry()).increment();
        } finally {
            scope.close();
        }

        assertThat(service.scrapeOpenMetrics().sample("jobs_run_total").exemplar())
                .containsEntry("trace_id", TRACE_ID).containsEntry("span_id", "00f067aa0ba902b7");
    }
}
