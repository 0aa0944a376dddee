package dev.obs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.annotation.Timed;
import dev.obs.http.HttpRoute;
import dev.obs.metrics.support.ProbeModule;
import dev.obs.metrics.support.TestService;
import dev.obs.testing.IsolatedObs;
import dev.obs.testing.RequiredTool;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code promtool check metrics} finds nothing to complain about in what obs exposes. */
class PromtoolIT {

    public interface Payments {
        @Timed(value = "payments.charge", description = "Time to charge a card", extraTags = {"provider", "acme"})
        void charge(int cents);
    }

    private TestService service;

    @AfterEach
    void reset() {
        if (service != null) {
            service.close();
        }
        Observability.resetForTesting();
    }

    @Test
    void theExpositionIsLintClean() throws Exception {
        Path promtool = RequiredTool.executable("/usr/bin/promtool", "the Debian package prometheus (apt-get install -y prometheus)");
        Observability obs = IsolatedObs.builder().set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1")
                .serviceName("payments").set("obs.env", "ci").set("obs.metrics.max.series.per.name", "5")
                .set("obs.traces.sample.ratio", "1").shutdownHook(false).install();
        service = new TestService(obs)
                .route("/payments", exchange -> {
                    HttpRoute.set(exchange, "/payments/{id}");
                    TestService.respond(exchange, 201, "charged");
                })
                .route("/fail", exchange -> {
                    throw new IllegalStateException("boom");
                })
                .route("/raw", exchange -> {
                    HttpRoute.set(exchange, exchange.getRequestURI().getPath()); // trips the cardinality cap
                    TestService.respond(exchange, 200, "raw");
                });
        for (int i = 0; i < 10; i++) {
            service.send("POST", "/payments/" + i);
            service.get("/raw/" + i);
        }
        service.get("/fail");
        service.send("PROPFIND", "/payments/1");
        Payments payments = obs.instrument(Payments.class, cents -> {
            if (cents < 0) {
                throw new IllegalArgumentException("negative");
            }
        });
        payments.charge(100);
        try {
            payments.charge(-1);
        } catch (IllegalArgumentException expected) {
            // timed with exception="IllegalArgumentException"
        }
        Counter.builder("payments.refunds").description("Refunds issued").register(ObsMetrics.registry()).increment();
        ProbeModule.dropped().increment();

        service.awaitScrapeWith("jvm_memory_used_bytes", "process_cpu_seconds_total"); // bound in the background, last
        byte[] exposition = service.admin("GET", "/metrics").body();
        String text = new String(exposition, StandardCharsets.UTF_8);
        assertThat(text).contains("http_server_request_duration_seconds_bucket", "payments_charge_seconds_bucket",
                "obs_metrics_series_dropped_total", "obs_probe_events_dropped_total", "jvm_memory_used_bytes");

        Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(exposition);
        }
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(report).as("promtool check metrics").isEmpty();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void promtoolFlagsAnExpositionThatBreaksTheRules() throws IOException, InterruptedException {
        Path promtool = RequiredTool.executable("/usr/bin/promtool", "the Debian package prometheus (apt-get install -y prometheus)");
        // The check above would pass vacuously if promtool accepted anything: show that it does not.
        String bad = "# TYPE requests counter\nrequests 1\n";
        Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(bad.getBytes(StandardCharsets.UTF_8));
        }
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(report).contains("requests");
    }
}
