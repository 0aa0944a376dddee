package dev.obs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.http.HttpRoute;
import dev.obs.metrics.support.Exposition;
import dev.obs.metrics.support.TestService;
import dev.obs.testing.IsolatedObs;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerMetricsTest {

    private static final String COUNT = "http_server_request_duration_seconds_count";
    private static final String BUCKET = "http_server_request_duration_seconds_bucket";

    private TestService service;

    @BeforeEach
    void install() {
        Observability obs = IsolatedObs.builder()
                .set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1")
                .serviceName("orders").set("obs.env", "test")
                .shutdownHook(false).install();
        service = new TestService(obs)
                .route("/orders", exchange -> {
                    HttpRoute.set(exchange, "/orders/{id}");
                    TestService.respond(exchange, 200, "order");
                })
                .route("/fail", exchange -> {
                    throw new IllegalStateException("boom");
                })
                .route("/unavailable", exchange -> TestService.respond(exchange, 503, "later"))
                .route("/missing", exchange -> TestService.respond(exchange, 404, "no such thing"))
                .route("/status", exchange -> {
                    String path = exchange.getRequestURI().getPath();
                    TestService.respond(exchange, Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)), "as asked");
                });
    }

    @AfterEach
    void reset() {
        service.close();
        Observability.resetForTesting();
    }

    @Test
    void recordsDurationPerRouteTemplateMethodAndStatus() {
        service.get("/orders/1");
        service.get("/orders/2");
        service.send("POST", "/orders/3");

        Exposition exposition = service.scrape();

        assertThat(exposition.value(COUNT, "http_route", "/orders/{id}", "http_request_method", "GET",
                "http_response_status_code", "200")).isEqualTo(2);
        assertThat(exposition.value(COUNT, "http_route", "/orders/{id}", "http_request_method", "POST")).isEqualTo(1);
        assertThat(exposition.samples(COUNT)).noneMatch(s -> s.label("http_route").startsWith("/orders/1"));
        Exposition.Sample ok = exposition.sample(COUNT, "http_request_method", "GET", "http_route", "/orders/{id}");
        assertThat(ok.labels()).containsEntry("service", "orders").containsEntry("env", "test").containsEntry("error_type", "");
        assertThat(ok.labels()).doesNotContainKeys("job", "instance");
        assertThat(exposition.value("http_server_request_duration_seconds_sum", "http_request_method", "GET",
                "http_route", "/orders/{id}")).isPositive();
    }

    /** Timers are cached per route (a few per route, then found through Micrometer): every series counts right past that. */
    @Test
    void aRouteWithManyStatusesCountsEachOfThemRight() {
        for (int round = 0; round < 2; round++) {
            for (int status = 400; status < 480; status++) {
                service.get("/status/" + status);
            }
        }

        Exposition exposition = service.scrape();

        for (int status = 400; status < 480; status++) {
            assertThat(exposition.value(COUNT, "http_route", "/status", "http_request_method", "GET",
                    "http_response_status_code", Integer.toString(status))).as("status %d", status).isEqualTo(2);
        }
    }

    @Test
    void usesTheSemanticConventionBucketBoundaries() {
        service.get("/orders/1");

        List<String> boundaries = service.scrape().samples(BUCKET).stream()
                .filter(s -> "GET".equals(s.label("http_request_method")))
                .map(s -> s.label("le")).toList();

        assertThat(boundaries).containsExactly("0.005", "0.01", "0.025", "0.05", "0.075", "0.1", "0.25", "0.5", "0.75",
                "1.0", "2.5", "5.0", "7.5", "10.0", "+Inf");
        assertThat(service.scrape().types()).containsEntry("http_server_request_duration_seconds", "histogram");
    }

    @Test
    void setsErrorTypeToTheExceptionClassOrTheServerErrorStatus() {
        service.get("/fail");
        service.get("/unavailable");
        service.get("/missing");

        Exposition exposition = service.scrape();

        assertThat(exposition.sample(COUNT, "http_route", "/fail").labels())
                .containsEntry("http_response_status_code", "500")
                .containsEntry("error_type", "java.lang.IllegalStateException");
        assertThat(exposition.sample(COUNT, "http_route", "/unavailable").labels())
                .containsEntry("http_response_status_code", "503")
                .containsEntry("error_type", "503");
        assertThat(exposition.sample(COUNT, "http_route", "/missing").labels())
                .containsEntry("http_response_status_code", "404")
                .containsEntry("error_type", "");
    }

    @Test
    void mapsUnknownMethodsToOtherSoTheLabelStaysBounded() {
        service.send("FOO", "/orders/1");
        service.send("BAR", "/orders/1");
        service.send("get", "/orders/1");

        Exposition exposition = service.scrape();

        assertThat(exposition.value(COUNT, "http_request_method", "_OTHER")).isEqualTo(3);
        assertThat(exposition.samples(COUNT)).extracting(s -> s.label("http_request_method")).containsOnly("_OTHER");
    }

    @Test
    void countsActiveRequestsWhileTheyRun() throws Exception {
        java.util.concurrent.CountDownLatch inHandler = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        service.route("/slow", exchange -> {
            inHandler.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestService.respond(exchange, 200, "done");
        });
        Thread caller = new Thread(() -> service.get("/slow"));
        caller.start();
        inHandler.await();

        assertThat(service.scrape().value("http_server_active_requests", "http_request_method", "GET", "url_scheme", "http"))
                .isEqualTo(1);

        release.countDown();
        caller.join(10_000);
        assertThat(service.scrape().value("http_server_active_requests", "http_request_method", "GET", "url_scheme", "http"))
                .isZero();
    }
}
