package dev.obs.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpHandler;
import dev.obs.Observability;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension's settings, its lifecycle and the HTTP driver. */
class ObsExtensionTest {

    @Nested
    class Registered {
        @RegisterExtension
        final ObsExtension obs = ObsExtension.create().withSampleRatio(0.0).withServiceName("orders")
                .with("obs.traces.keep.errors", "false");

        @Test
        void settingsInCodeApplyAndNothingIsSampledAtRatioZero() {
            Observability installed = obs.observability();
            assertThat(installed.service().name()).isEqualTo("orders");
            assertThat(installed.adminPort()).isEqualTo(-1);

            obs.capture().http(exchange -> respond(exchange, 204, "")).get("/");
            installed.trace("work", () -> { });

            assertThat(obs.capture()).spans().isEmpty();
            assertThat(obs.capture()).timer("http.server.request.duration").hasCount(1);
        }
    }

    @Nested
    @ObsTest(adminServer = true, serviceName = "billing", config = "obs.log.level=debug")
    class Annotated {
        @Test
        void theAnnotationsSettingsApply(Observability obs, ObsCapture capture) throws Exception {
            assertThat(obs.service().name()).isEqualTo("billing");
            assertThat(obs.adminPort()).isPositive();
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + obs.adminPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            org.slf4j.LoggerFactory.getLogger("com.acme.Billing").debug("details");
            assertThat(capture).logs().loggedAt(org.slf4j.event.Level.DEBUG).withMessage("details");
        }
    }

    @Nested
    @ObsTest
    class Lifecycle {
        private ObsCapture seenInTest;

        @Test
        void obsIsInstalledForTheTestAndTheSameCaptureIsInjectedEverywhere(ObsCapture capture, Observability obs) {
            seenInTest = capture;
            assertThat(Observability.current()).isSameAs(obs).isSameAs(capture.observability());
            assertThat(obs.isEnabled()).isTrue();
        }

        @AfterEach
        void stillInstalledInAfterEach(ObsCapture capture) {
            assertThat(capture).isSameAs(seenInTest);
            assertThat(Observability.current().isEnabled()).isTrue();
        }
    }

    @Nested
    class Outside {
        @Test
        void captureOutsideATestSaysWhy() {
            assertThatThrownBy(() -> ObsExtension.create().capture())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("obs is installed for each test");
        }
    }

    @Nested
    @ObsTest
    class Http {
        @Test
        void aRequestIdIsGeneratedWhenTheRequestHasNone(ObsCapture capture) {
            HttpResult response = capture.http(exchange -> respond(exchange, 200, "hello")).get("/hello?name=x");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello");
            assertThat(response.bodyBytes()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
            assertThat(response.requestId()).isNotBlank().isEqualTo(response.header("x-request-id"));
            assertThat(response.headers()).containsKey("X-request-id");
            assertThat(capture).request(response.requestId()).serverSpan().hasAttribute("url.path", "/hello");
            assertThat(capture).span("GET /").hasAttribute("http.request.method", "GET");
        }

        @Test
        void requestHeadersAndBodiesReachTheHandler(ObsCapture capture) {
            HttpHandler echo = exchange -> respond(exchange, 201,
                    exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("X-Tenant") + " "
                            + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            HttpDriver driver = capture.http("/items", echo).header("X-Tenant", "acme");

            assertThat(driver.post("/items", "a").body()).isEqualTo("POST acme a");
            assertThat(driver.put("/items/1", "b").body()).isEqualTo("PUT acme b");
            assertThat(driver.delete("/items/1").body()).isEqualTo("DELETE acme ");
            assertThat(capture).spans().hasNames("POST /items", "PUT /items", "DELETE /items");
        }

        @Test
        void aHandlerThatNeverRespondsFailsTheTestClearly(ObsCapture capture) {
            assertThatThrownBy(() -> capture.http(exchange -> { }).get("/"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("the handler returned without sending a response to GET /");
        }

        @Test
        void aHandlerBreakingTheJdkRulesFailsAsOnARealServer(ObsCapture capture) {
            HttpResult tooLong = capture.http(exchange -> {
                exchange.sendResponseHeaders(200, 2);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write("too long".getBytes(StandardCharsets.UTF_8));
                }
            }).get("/");
            assertThat(tooLong.status()).isEqualTo(200);
            assertThat(tooLong.body()).isEmpty();
            assertThat(capture).errors().isEmpty(); // the client sees a broken response; obs treats it as the client gone

            HttpResult twice = capture.http(exchange -> {
                exchange.sendResponseHeaders(204, -1);
                exchange.sendResponseHeaders(200, -1);
            }).get("/");
            assertThat(twice.status()).isEqualTo(204);
        }
    }

    static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
