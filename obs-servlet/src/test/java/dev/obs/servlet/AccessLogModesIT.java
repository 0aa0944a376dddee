package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.test.ObsCapture;
import dev.obs.test.ObsExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/** {@code obs.log.access=errors} writes lines for 4xx/5xx only; {@code off} writes none. */
abstract class AccessLogModesIT {

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

    int get(String path, String requestId) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + JettyIT.port(server) + path))
                .header("X-Request-ID", requestId).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static long accessLines(ObsCapture capture, String requestId) {
        return capture.logsOfRequest(requestId).stream().filter(l -> l.logger().equals("obs.access")).count();
    }

    @ResourceLock(ObsExtension.RESOURCE_LOCK)
    static class ErrorsIT extends AccessLogModesIT {
        @RegisterExtension
        ObsExtension obs = ObsExtension.create().with("obs.log.access", "errors");

        @Test
        void onlyFailedRequestsGetALine() throws Exception {
            assertThat(get("/orders/1", "fine-1")).isEqualTo(200);
            assertThat(get("/unavailable", "shed-1")).isEqualTo(503);
            assertThat(get("/nowhere", "lost-1")).isEqualTo(404);

            ServletContainerContract.eventually(() -> {
                assertThat(accessLines(obs.capture(), "shed-1")).isEqualTo(1);
                assertThat(accessLines(obs.capture(), "lost-1")).isEqualTo(1);
            });
            // the 200 is over (its handler's lines are there) and wrote none
            assertThat(obs.capture().logsOfRequest("fine-1")).isNotEmpty();
            assertThat(accessLines(obs.capture(), "fine-1")).isZero();
        }
    }

    @ResourceLock(ObsExtension.RESOURCE_LOCK)
    static class OffIT extends AccessLogModesIT {
        @RegisterExtension
        ObsExtension obs = ObsExtension.create().with("obs.log.access", "off");

        @Test
        void noRequestGetsALine() throws Exception {
            assertThat(get("/unavailable", "shed-1")).isEqualTo(503);
            assertThat(get("/orders/1", "fine-1")).isEqualTo(200);
            ServletContainerContract.eventually(() -> assertThat(obs.capture().logsOfRequest("fine-1")).isNotEmpty());
            assertThat(obs.capture().logs()).noneMatch(l -> l.logger().equals("obs.access"));
        }
    }
}
