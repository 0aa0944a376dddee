package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slf4j.event.Level.INFO;

import dev.obs.test.ObsCapture;
import dev.obs.test.ObsTest;
import io.opentelemetry.api.common.AttributeKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A noise route keeps its request ID and loses everything else: span, access line, RED series. */
@ObsTest(config = "obs.http.ignore.routes=/healthz,/livez")
class IgnoredRoutesIT {

    private Server server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        server = JettyIT.startServer(TestServlets.observed(), TestServlets.peek());
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> get(String path, String requestId) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + JettyIT.port(server) + path))
                .header("X-Request-ID", requestId).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthChecksGetARequestIdAndNothingElse(ObsCapture capture) throws Exception {
        HttpResponse<String> health = get("/healthz", "health-1");
        HttpResponse<String> order = get("/orders/1", "order-1");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("X-Request-ID")).hasValue("health-1");
        assertThat(order.statusCode()).isEqualTo(200);
        // the order is observed in full, so its signals are there to compare with
        ServletContainerContract.assertAccessLine(capture, "order-1", "/orders/{id}", 200);
        ServletContainerContract.eventually(() -> ServletContainerContract.serverSpan(capture, "order-1"));

        assertThat(capture).request("health-1").loggedAt(INFO).withMessage("health checked");
        assertThat(capture.logsOfRequest("health-1")).noneMatch(l -> l.logger().equals("obs.access"));
        assertThat(capture.spans()).noneMatch(s -> "health-1".equals(s.getAttributes().get(AttributeKey.stringKey("obs.request_id"))));
        assertThat(capture.meters().find("http.server.request.duration").timers())
                .noneMatch(t -> "/healthz".equals(t.getId().getTag("http.route")));
    }
}
