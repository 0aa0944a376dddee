package dev.obs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.http.HttpRoute;
import dev.obs.testing.PrometheusServer;
import dev.obs.metrics.support.TestService;
import dev.obs.testing.IsolatedObs;
import dev.obs.testing.RequiredTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes a service observed by obs, and its HTTP API answers the questions the
 * dashboards ask: request rate per route, p95 per route from the histogram, exemplar trace IDs.
 */
class PrometheusScrapeIT {

    private static final Pattern VECTOR_SAMPLE = Pattern.compile("\"metric\":\\{(.*?)\\},\"value\":\\[[0-9.]+,\"([^\"]+)\"\\]");
    private static final Pattern ROUTE = Pattern.compile("\"http_route\":\"([^\"]*)\"");
    private static final Pattern EXEMPLAR_TRACE_ID = Pattern.compile("\"trace_id\":\"([0-9a-f]{32})\"");

    @TempDir
    Path workDir;

    private TestService service;
    private PrometheusServer prometheus;
    private Thread load;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<String> sampledTraceIds = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @AfterEach
    void stop() throws InterruptedException {
        running.set(false);
        if (load != null) {
            load.join(10_000);
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (service != null) {
            service.close();
        }
        Observability.resetForTesting();
    }

    @Test
    void prometheusComputesRatesQuantilesAndExemplarsPerRoute() throws Exception {
        Path binary = RequiredTool.executable("/usr/bin/prometheus", "the Debian package prometheus (apt-get install -y prometheus)");
        Observability obs = IsolatedObs.builder().set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1")
                .serviceName("prometheus-it").shutdownHook(false).install();
        service = new TestService(obs)
                .route("/orders", exchange -> {
                    HttpRoute.set(exchange, "/orders/{id}");
                    sleepMillis(ThreadLocalRandom.current().nextInt(1, 15));
                    TestService.respond(exchange, 200, "order");
                })
                .route("/checkout", exchange -> {
                    sleepMillis(ThreadLocalRandom.current().nextInt(5, 40));
                    TestService.respond(exchange, 201, "paid");
                });
        prometheus = PrometheusServer.start(binary, workDir, obs.adminPort());
        load = new Thread(this::driveRequests, "load");
        load.start();

        Duration window = Duration.ofSeconds(60);
        Map<String, Double> rates = awaitPerRoute(
                "sum by (http_route) (rate(http_server_request_duration_seconds_count{service=\"prometheus-it\"}[5s]))", window);
        Map<String, Double> p95 = awaitPerRoute(
                "histogram_quantile(0.95, sum by (le, http_route) (rate(http_server_request_duration_seconds_bucket[5s])))", window);

        assertThat(rates).containsOnlyKeys("/orders/{id}", "/checkout").allSatisfy((route, rate) -> assertThat(rate).isPositive());
        assertThat(p95).containsOnlyKeys("/orders/{id}", "/checkout");
        assertThat(p95.get("/orders/{id}")).isBetween(0.0, 0.05);
        assertThat(p95.get("/checkout")).isBetween(0.005, 0.1);

        Set<String> exemplarTraceIds = awaitExemplarTraceIds("http_server_request_duration_seconds_bucket{http_route=\"/orders/{id}\"}");
        assertThat(exemplarTraceIds).isNotEmpty().isSubsetOf(sampledTraceIds);
    }

    /**
     * Requests with a W3C traceparent each, half of them sampled, until the test ends. Each route
     * gets its own client, so that no keep-alive connection moves between the server's contexts:
     * the JDK's HttpExchange attributes, where HttpRoute keeps the template, belong to the
     * connection's current context, not to the exchange.
     */
    private void driveRequests() {
        HttpClient orders = HttpClient.newHttpClient();
        HttpClient checkout = HttpClient.newHttpClient();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.get()) {
            String traceId = String.format("%016x%016x", random.nextLong(), random.nextLong());
            boolean sampled = random.nextBoolean();
            if (sampled) {
                sampledTraceIds.add(traceId);
            }
            boolean toOrders = random.nextBoolean();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port()
                            + (toOrders ? "/orders/" + random.nextInt(1000) : "/checkout")))
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-" + (sampled ? "01" : "00"))
                    .timeout(Duration.ofSeconds(10)).build();
            try {
                (toOrders ? orders : checkout).send(request, HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                if (running.get()) {
                    throw new UncheckedIOException(e);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Map<String, Double> awaitPerRoute(String promql, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = prometheus.query(promql);
            Map<String, Double> perRoute = new HashMap<>();
            Matcher sample = VECTOR_SAMPLE.matcher(body);
            while (sample.find()) {
                Matcher route = ROUTE.matcher(sample.group(1));
                double value = Double.parseDouble(sample.group(2));
                if (route.find() && !Double.isNaN(value)) {
                    perRoute.put(route.group(1), value);
                }
            }
            if (perRoute.size() >= 2) {
                return perRoute;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new AssertionError("no result per route for " + promql + "\nlast answer: " + body

                + "\ntargets: " + prometheus.targets() + "\nprometheus log:\n" + prometheus.log());
    }

    private Set<String> awaitExemplarTraceIds(String promql) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = prometheus.queryExemplars(promql, Duration.ofMinutes(5));
            Set<String> traceIds = new LinkedHashSet<>();
            Matcher traceId = EXEMPLAR_TRACE_ID.matcher(body);
            while (traceId.find()) {
                traceIds.add(traceId.group(1));
            }
            if (!traceIds.isEmpty()) {
                return traceIds;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new AssertionError("no exemplars for " + promql + "\nlast answer: " + body + "\ntargets: " + prometheus.targets());
    }

    private static void sleepMillis(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
