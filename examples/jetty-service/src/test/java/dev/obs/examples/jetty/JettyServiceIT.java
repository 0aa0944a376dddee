package dev.obs.examples.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slf4j.event.Level.INFO;

import dev.obs.test.CapturedLog;
import dev.obs.test.ObsCapture;
import dev.obs.test.ObsTest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example service on a real Jetty over loopback, with obs as the app installs it. */
@ObsTest(serviceName = "orders-jetty", config = "obs.http.ignore.routes=/healthz")
class JettyServiceIT {

    private Server server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = JettyServiceApp.start(0, "127.0.0.1");
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> get(String path, String requestId) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + JettyServiceApp.port(server) + path))
                .header("X-Request-ID", requestId).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void eventually(Runnable assertion) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
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

    private static CapturedLog accessLine(ObsCapture capture, String requestId) {
        List<CapturedLog> lines = capture.logsOfRequest(requestId).stream().filter(l -> l.logger().equals("obs.access")).toList();
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    private static SpanData serverSpan(ObsCapture capture, String requestId) {
        return capture.spans().stream()
                .filter(s -> requestId.equals(s.getAttributes().get(AttributeKey.stringKey("obs.request_id"))))
                .filter(s -> s.getParentSpanContext() == null || !s.getParentSpanContext().isValid())
                .findFirst().orElseThrow(() -> new AssertionError("no server span of " + requestId));
    }

    @Test
    void everyKindOfRequestShowsUpAsTheSameSignalsAsOnTheJdkServer(ObsCapture capture) throws Exception {
        assertThat(get("/orders/1", "show-1").statusCode()).isEqualTo(200);
        assertThat(get("/orders/99", "missing-1").statusCode()).isEqualTo(404);
        HttpResponse<String> failed = get("/orders/13", "cursed-1");
        HttpResponse<String> receipt = get("/orders/2/receipt", "receipt-1");

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).contains("request id: cursed-1").doesNotContain("is cursed");
        assertThat(receipt.body()).isEqualTo("receipt for order 2\n");
        eventually(() -> {
            assertThat(serverSpan(capture, "show-1").getName()).isEqualTo("GET /orders/{id}");
            assertThat(serverSpan(capture, "missing-1").getName()).isEqualTo("GET /orders/{id}");
            SpanData receiptSpan = serverSpan(capture, "receipt-1");
            assertThat(receiptSpan.getName()).isEqualTo("GET /orders/{id}/receipt");
            assertThat(capture).request("receipt-1").span("receipt.render").isChildOf(receiptSpan);
            assertThat(accessLine(capture, "missing-1").field("status")).hasToString("404");
            assertThat(accessLine(capture, "receipt-1").field("route")).hasToString("/orders/{id}/receipt");
            assertThat(capture).errors().hasSize(1).first().isTaggedWithRequestId("cursed-1").hasHttpStatus(500);
        });
        assertThat(capture).request("receipt-1").loggedAt(INFO).withMessage("rendering receipt");
        assertThat(capture).request("show-1").everyLogLineCarriesTraceId();
    }

    @Test
    void healthChecksAreNoise(ObsCapture capture) throws Exception {
        HttpResponse<String> health = get("/healthz", "lb-1");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("X-Request-ID")).hasValue("lb-1");
        get("/orders/1", "show-2");
        eventually(() -> accessLine(capture, "show-2"));
        assertThat(capture.logsOfRequest("lb-1")).noneMatch(l -> l.logger().equals("obs.access"));
        assertThat(capture.spans()).noneMatch(s -> "lb-1".equals(s.getAttributes().get(AttributeKey.stringKey("obs.request_id"))));
    }
}
