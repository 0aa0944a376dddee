package dev.obs.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slf4j.event.Level.INFO;

import dev.obs.Observability;
import dev.obs.test.ObsCapture;
import dev.obs.test.ObsTest;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The quickstart's signals asserted with obs-test, the way a team would test its own service: the
 * woven classes, real HTTP on loopback, and all four signals joined by the request ID.
 */
@ObsTest
class OrderSignalsIT {

    private QuickstartApp app;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start(Observability obs) throws Exception {
        app = QuickstartApp.start(obs, 0);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private static void awaitSpan(ObsCapture capture, String name) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (capture.spans(name).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void placingAnOrderIsLoggedTracedAndTimedUnderOneRequestId(ObsCapture capture) throws Exception {
        HttpResponse<String> placed = send(HttpRequest.newBuilder(app.baseUri().resolve("/orders?customer=c-9&sku=mug&quantity=3"))
                .POST(HttpRequest.BodyPublishers.noBody()).header("X-Request-ID", "quickstart-order-1"));
        assertThat(placed.statusCode()).isEqualTo(201);
        awaitSpan(capture, "POST /orders");

        assertThat(capture).request("quickstart-order-1").loggedAt(INFO).withField("sku", "mug")
                .withMessage("order placed for customer c-9");
        assertThat(capture).request("quickstart-order-1").everyLogLineCarriesTraceId();
        SpanData server = assertThat(capture).request("quickstart-order-1").serverSpan().actual();
        assertThat(capture).request("quickstart-order-1").span("OrderService.placeOrder").isChildOf(server)
                .hasStatus(StatusCode.UNSET);
        assertThat(capture).timer("orders.place").hasCount(1);
        assertThat(capture).counter("orders.placed").hasCount(1);
        assertThat(capture).errors().isEmpty();
    }

    @Test
    void theFailingEndpointGivesOneErrorEventTaggedWithItsRequest(ObsCapture capture) throws Exception {
        HttpResponse<String> failed = send(HttpRequest.newBuilder(app.baseUri().resolve("/fail")).header("X-Request-ID", "quickstart-fail-1"));
        assertThat(failed.statusCode()).isEqualTo(500);
        awaitSpan(capture, "GET /fail"); // over real HTTP the client may read the 500 before the server span ends

        assertThat(capture).errors().single().hasType(IllegalStateException.class).isTaggedWithRequestId("quickstart-fail-1")
                .hasHttpStatus(500).hasMessageContaining("[REDACTED]");
        assertThat(capture).request("quickstart-fail-1").serverSpan().hasStatus(StatusCode.ERROR);
    }
}
