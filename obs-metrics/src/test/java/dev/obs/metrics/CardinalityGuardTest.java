package dev.obs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.http.HttpRoute;
import dev.obs.metrics.support.Exposition;
import dev.obs.metrics.support.TestService;
import dev.obs.testing.IsolatedObs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CardinalityGuardTest {

    private static final int CAP = 50;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalStderr;
    private TestService service;

    @BeforeEach
    void install() {
        originalStderr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        Observability obs = IsolatedObs.builder().set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1")
                .set("obs.metrics.max.series.per.name", String.valueOf(CAP)).shutdownHook(false).install();
        // A handler that wrongly names the raw path as its route: every URL would become a series.
        service = new TestService(obs).route("/items", exchange -> {
            HttpRoute.set(exchange, exchange.getRequestURI().getPath());
            TestService.respond(exchange, 200, "item");
        });
    }

    @AfterEach
    void reset() {
        System.setErr(originalStderr);
        service.close();
        Observability.resetForTesting();
    }

    @Test
    void aFloodOfRandomUrlsLeavesTheExpositionBounded() {
        for (int i = 0; i < 300; i++) {
            service.get("/items/" + UUID.randomUUID());
        }

        Exposition exposition = service.scrape();

        assertThat(exposition.samples("http_server_request_duration_seconds_count")).hasSize(CAP);
        assertThat(exposition.value("obs_metrics_series_dropped_total", "name", "http.server.request.duration"))
                .isEqualTo(300 - CAP);
        assertThat(ObsMetrics.registry().find("http.server.request.duration").meters()).hasSize(CAP);
    }

    @Test
    void capsUserMetersOnTheRegistryAndOnTheGlobalRegistry() {
        for (int i = 0; i < 5_000; i++) {
            Counter.builder("user.logins").description("Logins").tag("user", UUID.randomUUID().toString())
                    .register(ObsMetrics.registry()).increment();
            Metrics.counter("cart.adds", "cart", UUID.randomUUID().toString()).increment();
        }
        // only this name's meters: JVM meters may register on their own at any time (a first GC of a kind)
        long seriesBefore = meters("user.logins");
        for (int i = 0; i < 5_000; i++) {
            ObsMetrics.registry().counter("user.logins", "user", UUID.randomUUID().toString()).increment();
        }

        Exposition exposition = service.scrape();

        assertThat(exposition.samples("user_logins_total")).hasSize(CAP);
        assertThat(exposition.samples("cart_adds_total")).hasSize(CAP);
        assertThat(exposition.value("obs_metrics_series_dropped_total", "name", "user.logins")).isEqualTo(10_000 - CAP);
        assertThat(exposition.value("obs_metrics_series_dropped_total", "name", "cart.adds")).isEqualTo(5_000 - CAP);
        assertThat(meters("user.logins")).isEqualTo(seriesBefore);
    }

    private static long meters(String name) {
        return ObsMetrics.registry().getMeters().stream().filter(m -> m.getId().getName().equals(name)).count();
    }

    @Test
    void reportsEachCappedNameOnceOnStderr() {
        for (int i = 0; i < 200; i++) {
            ObsMetrics.registry().counter("user.logins", "user", "u" + i).increment();
        }

        String[] reports = Arrays.stream(stderr.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(line -> line.startsWith("obs: ") && line.contains("user.logins")).toArray(String[]::new);
        assertThat(reports).hasSize(1);
        assertThat(reports[0]).contains("obs.metrics.max.series.per.name").contains("obs_metrics_series_dropped_total");
    }

    @Test
    void keepsRecordingSeriesThatExistedBeforeTheCap() {
        Counter first = ObsMetrics.registry().counter("user.logins", "user", "u0");
        for (int i = 1; i < CAP + 100; i++) {
            ObsMetrics.registry().counter("user.logins", "user", "u" + i).increment();
        }

        ObsMetrics.registry().counter("user.logins", "user", "u0").increment();
        first.increment();

        assertThat(service.scrape().value("user_logins_total", "user", "u0")).isEqualTo(2);
    }
}
