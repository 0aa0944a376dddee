package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slf4j.event.Level.INFO;

import dev.obs.context.RequestContext;
import dev.obs.servlet.docs.JavalinSetup;
import dev.obs.test.ObsCapture;
import dev.obs.test.ObsTest;
import io.javalin.Javalin;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Javalin 7 app on its own Jetty, set up as docs/servlet.md says: route templates through the documented hook. */
@ObsTest
class JavalinIT {

    private static final Logger log = LoggerFactory.getLogger(JavalinIT.class);

    private Javalin app;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        app = JavalinSetup.create(config -> {
            config.routes.get("/orders/{id}", ctx -> {
                log.info("order {} looked up", ctx.pathParam("id"));
                ctx.result(RequestContext.current().requestId());
            });
            config.routes.get("/boom", ctx -> {
                throw new IllegalStateException("the back end said no");
            });
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> get(String path, String requestId) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("X-Request-ID", requestId).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestsAreObservedUnderJavalinsRouteTemplate(ObsCapture capture) throws Exception {
        HttpResponse<String> response = get("/orders/42", "javalin-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-ID")).hasValue("javalin-1");
        assertThat(response.body()).isEqualTo("javalin-1");
        ServletContainerContract.eventually(() -> {
            SpanData server = ServletContainerContract.serverSpan(capture, "javalin-1");
            assertThat(server.getName()).isEqualTo("GET /orders/{id}");
            assertThat(ServletContainerContract.duration(capture, "/orders/{id}", "200").count()).isEqualTo(1);
        });
        assertThat(capture).request("javalin-1").loggedAt(INFO).withMessage("order 42 looked up");
        assertThat(capture).request("javalin-1").everyLogLineCarriesTraceId();
        ServletContainerContract.assertAccessLine(capture, "javalin-1", "/orders/{id}", 200);
    }

    @Test
    void anExceptionJavalinAnswersCountsAsTheStatusTheClientSaw(ObsCapture capture) throws Exception {
        HttpResponse<String> response = get("/boom", "javalin-2");

        assertThat(response.statusCode()).isEqualTo(500);
        ServletContainerContract.eventually(() -> {
            assertThat(ServletContainerContract.serverSpan(capture, "javalin-2").getName()).isEqualTo("GET /boom");
            assertThat(ServletContainerContract.duration(capture, "/boom", "500").count()).isEqualTo(1);
        });
        ServletContainerContract.assertAccessLine(capture, "javalin-2", "/boom", 500);
    }

    @Test
    void anUnmatchedPathIsNeverItsOwnRoute(ObsCapture capture) throws Exception {
        assertThat(get("/no/such/page/7", "javalin-3").statusCode()).isEqualTo(404);
        ServletContainerContract.assertAccessLine(capture, "javalin-3", "/*", 404);
        assertThat(capture.meters().find("http.server.request.duration").timers())
                .noneMatch(t -> String.valueOf(t.getId().getTag("http.route")).contains("page"));
    }
}
