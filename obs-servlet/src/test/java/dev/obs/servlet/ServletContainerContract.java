package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slf4j.event.Level.ERROR;
import static org.slf4j.event.Level.INFO;

import dev.obs.test.CapturedLog;
import dev.obs.test.ObsCapture;
import dev.obs.test.ObsTest;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every container must show through {@link ObsServletFilter}, over real HTTP on loopback:
 * the same signals as the JDK server's filter for the same requests.
 */
@ObsTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServletContainerContract {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private int port;

    /**
     * Starts the container on 127.0.0.1 and a free port, set up as docs/servlet.md says, with
     * {@code observed} in the observed root context and {@code peek} at {@code /plain/peek} in a
     * second context without the filter; at most a few request threads, so that they are reused.
     */
    protected abstract int start(Map<String, HttpServlet> observed, HttpServlet peek) throws Exception;

    protected abstract void stop() throws Exception;

    @BeforeAll
    void startContainer() throws Exception {
        port = start(TestServlets.observed(), TestServlets.peek());
    }

    @AfterAll
    void stopContainer() throws Exception {
        stop();
    }

    HttpResponse<String> get(String path, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (requestId != null) {
            request.header("X-Request-ID", requestId);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void eventually(Runnable assertion) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    static SpanData serverSpan(ObsCapture capture, String requestId) {
        return capture.spans().stream()
                .filter(s -> s.getKind() == SpanKind.SERVER)
                .filter(s -> requestId.equals(s.getAttributes().get(AttributeKey.stringKey("obs.request_id"))))
                .findFirst().orElseThrow(() -> new AssertionError("no server span of " + requestId + " in " + capture.spans()));
    }

    static Timer duration(ObsCapture capture, String route, String status) {
        Timer timer = capture.meters().find("http.server.request.duration")
                .tags("http.route", route, "http.response.status_code", status, "http.request.method", "GET").timer();
        assertThat(timer).as("http.server.request.duration{http.route=%s, status=%s} among %s", route, status,
                capture.meters().find("http.server.request.duration").timers().stream().map(t -> t.getId().getTags()).toList())
                .isNotNull();
        return timer;
    }

    @Test
    void syncRequestGetsIdsOnEveryLogLineASpanTreeAndItsRouteOnTheHistogram(ObsCapture capture) throws Exception {
        HttpResponse<String> response = get("/orders/42?expand=lines", "sync-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-ID")).hasValue("sync-1");
        assertThat(response.body()).isEqualTo("sync-1"); // the handler saw its own context
        eventually(() -> {
            SpanData server = serverSpan(capture, "sync-1");
            assertThat(server.getName()).isEqualTo("GET /orders/{id}");
            assertThat(capture).request("sync-1").span("inventory.lookup").isChildOf(server);
        });
        assertThat(capture).request("sync-1").loggedAt(INFO).withMessage("order looked up");
        assertThat(capture).request("sync-1").everyLogLineCarriesTraceId();
        assertThat(capture.logsOfRequest("sync-1")).hasSizeGreaterThanOrEqualTo(2);
        eventually(() -> assertThat(duration(capture, "/orders/{id}", "200").count()).isEqualTo(1));
        assertAccessLine(capture, "sync-1", "/orders/{id}", 200);
        assertThat(capture).errors().isEmpty();
    }

    static CapturedLog accessLine(ObsCapture capture, String requestId) {
        List<CapturedLog> lines = capture.logsOfRequest(requestId).stream().filter(l -> l.logger().equals("obs.access")).toList();
        assertThat(lines).as("access log lines of %s among %s", requestId, capture.logsOfRequest(requestId)).hasSize(1);
        return lines.get(0);
    }

    static void assertAccessLine(ObsCapture capture, String requestId, String route, int status) throws InterruptedException {
        eventually(() -> {
            CapturedLog line = accessLine(capture, requestId);
            assertThat(line.field("method")).hasToString("GET");
            assertThat(line.field("route")).hasToString(route);
            assertThat(line.field("status")).hasToString(String.valueOf(status));
            assertThat(Double.parseDouble(String.valueOf(line.field("duration_ms")))).isGreaterThanOrEqualTo(0.0);
            assertThat(line.traceId()).isNotNull();
        });
    }

    @Test
    void accessLogRedactsTheQueryAndCountsTheBody(ObsCapture capture) throws Exception {
        HttpResponse<String> response = get("/orders/9?token=s3cr3t-value&page=2", "access-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertAccessLine(capture, "access-1", "/orders/{id}", 200);
        CapturedLog line = accessLine(capture, "access-1");
        assertThat(line.field("path")).hasToString("/orders/9");
        assertThat(line.field("query")).hasToString("token=[REDACTED]&page=2");
        assertThat(line.field("response_size")).hasToString(String.valueOf("access-1".length()));
        assertThat(capture.logs()).noneMatch(l -> l.toString().contains("s3cr3t-value"));
    }

    @Test
    void aTemplatePublishedTheWaySpringMvcDoesIsTheRoute(ObsCapture capture) throws Exception {
        assertThat(get("/users/alice", "spring-1").statusCode()).isEqualTo(200);
        eventually(() -> {
            assertThat(serverSpan(capture, "spring-1").getName()).isEqualTo("GET /users/{userId}");
            assertThat(duration(capture, "/users/{userId}", "200").count()).isEqualTo(1);
        });
    }

    @Test
    void callersTraceIsContinued(ObsCapture capture) throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders/7"))
                .header("X-Request-ID", "traced-1")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        eventually(() -> {
            SpanData server = serverSpan(capture, "traced-1");
            assertThat(server.getTraceId()).isEqualTo(traceId);
            assertThat(server.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        });
    }

    @Test
    void asyncRequestIsObservedUntilItCompletesOnAnotherThread(ObsCapture capture) throws Exception {
        HttpResponse<String> response = get("/async", "async-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-ID")).hasValue("async-1");
        assertThat(response.body()).isEqualTo("async-1"); // the async executor's thread saw the request's context
        eventually(() -> {
            SpanData server = serverSpan(capture, "async-1");
            assertThat(server.getName()).isEqualTo("GET /async");
            SpanData work = assertThat(capture).request("async-1").span("async.work").isChildOf(server).actual();
            // the server span ended when the async request completed, not when the filter returned
            assertThat(server.getEndEpochNanos()).isGreaterThanOrEqualTo(work.getEndEpochNanos());
        });
        assertThat(capture).request("async-1").loggedAt(INFO).withMessage("async work");
        assertThat(capture).request("async-1").everyLogLineCarriesTraceId();
        eventually(() -> assertThat(duration(capture, "/async", "200").count()).isEqualTo(1));
        assertAccessLine(capture, "async-1", "/async", 200);
    }

    @Test
    void failingServletIsA500WithoutStackTraceOneErrorEventAndAFailedSpan(ObsCapture capture) throws Exception {
        HttpResponse<String> response = get("/fail", "fail-1");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("X-Request-ID")).hasValue("fail-1");
        assertThat(response.body()).contains("request id: fail-1").doesNotContain("IllegalStateException")
                .doesNotContain("the back end said no").doesNotContain("\tat ");
        eventually(() -> {
            SpanData server = serverSpan(capture, "fail-1");
            assertThat(server.getName()).isEqualTo("GET /fail");
            assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(capture).errors().hasSize(1).first()
                    .hasType(IllegalStateException.class)
                    .isTaggedWithRequestId("fail-1")
                    .isTaggedWithTraceId(server.getTraceId())
                    .hasHttpStatus(500);
        });
        assertThat(capture).request("fail-1").loggedAt(ERROR).withException(IllegalStateException.class);
        assertThat(capture).request("fail-1").everyLogLineCarriesTraceId();
        eventually(() -> assertThat(duration(capture, "/fail", "500").count()).isEqualTo(1));
        assertAccessLine(capture, "fail-1", "/fail", 500);
    }

    @Test
    void sendErrorCountsAsTheStatusTheClientSaw(ObsCapture capture) throws Exception {
        HttpResponse<String> response = get("/unavailable", "shed-1");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("X-Request-ID")).hasValue("shed-1");
        eventually(() -> {
            SpanData server = serverSpan(capture, "shed-1");
            assertThat(server.getName()).isEqualTo("GET /unavailable");
            assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(503L);
            assertThat(duration(capture, "/unavailable", "503").count()).isEqualTo(1);
        });
        assertThat(capture).request("shed-1").everyLogLineCarriesTraceId();
        assertAccessLine(capture, "shed-1", "/unavailable", 503);
    }

    @Test
    void streamedResponseIsObservedUnderItsServletMappingNeverTheRawPath(ObsCapture capture) throws Exception {
        HttpResponse<String> response = get("/files/reports/2026/q4.txt", "stream-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("chunk 0\nchunk 1\nchunk 2\nchunk 3\nchunk 4\n");
        eventually(() -> {
            assertThat(serverSpan(capture, "stream-1").getName()).isEqualTo("GET /files/*");
            assertThat(duration(capture, "/files/*", "200").count()).isEqualTo(1);
        });
        assertThat(capture.meters().find("http.server.request.duration").timers())
                .noneMatch(t -> String.valueOf(t.getId().getTag("http.route")).contains("q4"));
        assertThat(capture).request("stream-1").loggedAt(INFO).withMessage("streamed");
        assertAccessLine(capture, "stream-1", "/files/*", 200);
    }

    @Test
    void noContextLeaksToTheNextRequestOnTheSameContainerThreadUnderConcurrency(ObsCapture capture) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> problems = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                int n = i;
                problems.add(clients.submit(() -> {
                    if (n % 2 == 0) {
                        String id = "conc-" + n;
                        HttpResponse<String> r = get(n % 4 == 0 ? "/orders/" + n : "/async", id);
                        return r.statusCode() == 200 && r.body().equals(id) ? null : id + " answered " + r.statusCode() + " " + r.body();
                    }
                    HttpResponse<String> r = get("/plain/peek", null);
                    return r.body().equals("none") ? null : "an unobserved request saw context " + r.body();
                }));
            }
            for (Future<String> problem : problems) {
                assertThat(problem.get()).isNull();
            }
        } finally {
            clients.shutdownNow();
        }
        for (int n = 0; n < 120; n += 2) {
            String id = "conc-" + n;
            eventually(() -> accessLine(capture, id)); // exactly one access line per request
            for (CapturedLog line : capture.logsOfRequest(id)) {
                assertThat(line.traceId()).isNotNull();
            }
        }
        // every line logged by the observed handlers belongs to exactly the request that logged it
        assertThat(capture.logs()).filteredOn(l -> l.logger().equals(TestServlets.class.getName()))
                .allSatisfy(l -> assertThat(l.requestId()).isNotNull());
    }
}
