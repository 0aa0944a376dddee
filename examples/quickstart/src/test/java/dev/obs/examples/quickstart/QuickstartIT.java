package dev.obs.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.errors.CapturedError;
import dev.obs.errors.ObsErrors;
import dev.obs.testing.IsolatedObs;
import dev.obs.tracing.ObsTracing;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The quickstart as a newcomer meets it: real HTTP on loopback, every module on. */
class QuickstartIT {

    private static QuickstartApp app;
    private static Observability obs;
    private static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        obs = IsolatedObs.builder().serviceName("quickstart").set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1")
                .set("obs.traces.sample.ratio", "0.0")
                .shutdownHook(false).install();
        app = QuickstartApp.start(obs, 0);
    }

    @AfterAll
    static void stop() {
        app.close();
        Observability.resetForTesting();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void placesAndReadsAnOrderAcrossTheInternalPricingHop() throws Exception {
        HttpResponse<String> placed = send(HttpRequest.newBuilder(app.baseUri().resolve("/orders?customer=c-1&sku=book&quantity=2"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(placed.statusCode()).isEqualTo(201);
        assertThat(placed.headers().firstValue("X-Request-ID")).isPresent();
        String id = placed.body().replaceAll(".*\"id\":(\\d+).*", "$1");

        HttpResponse<String> read = send(HttpRequest.newBuilder(app.baseUri().resolve("/orders/" + id)));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"customerId\":\"c-1\"", "\"quantity\":2");
        assertThat(send(HttpRequest.newBuilder(app.baseUri().resolve("/orders/999999"))).statusCode()).isEqualTo(404);
    }

    @Test
    void oneTraceSpansBothHopsAndTheWovenMethods() throws Exception {
        HttpResponse<String> placed = send(HttpRequest.newBuilder(app.baseUri().resolve("/orders?customer=c-2&sku=pen&quantity=1"))
                .POST(HttpRequest.BodyPublishers.noBody()).header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01"));
        assertThat(placed.statusCode()).isEqualTo(201);
        List<SpanData> spans = awaitSpans(TRACE_ID, 6);
        Map<String, SpanData> byName = spans.stream().collect(Collectors.toMap(SpanData::getName, s -> s, (a, b) -> a));
        assertThat(byName).containsKeys("POST /orders", "OrderService.placeOrder", "PricingClient.priceCents", "GET",
                "GET /pricing", "INSERT orders");
        // parentage: server -> placeOrder -> priceCents -> client GET -> downstream server
        assertThat(byName.get("OrderService.placeOrder").getParentSpanId()).isEqualTo(byName.get("POST /orders").getSpanId());
        assertThat(byName.get("PricingClient.priceCents").getParentSpanId()).isEqualTo(byName.get("OrderService.placeOrder").getSpanId());
        assertThat(byName.get("GET").getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(byName.get("GET /pricing").getParentSpanId()).isEqualTo(byName.get("GET").getSpanId());
        assertThat(byName.get("INSERT orders").getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(byName.get("INSERT orders").getParentSpanId()).isEqualTo(byName.get("OrderService.placeOrder").getSpanId());
        assertThat(byName.get("INSERT orders").getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("db.query.text")))
                .isEqualTo("INSERT INTO orders (customer_id, sku, quantity, price_cents) VALUES (?, ?, ?, ?)");
    }

    private static List<SpanData> awaitSpans(String traceId, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<SpanData> spans;
        do {
            spans = ObsTracing.recentSpans().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
            if (spans.size() >= atLeast) {
                return spans;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return spans;
    }

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void failingEndpointAnswers500WithoutLeakingDetailsAndIsCapturedOnceWithItsRequestId() throws Exception {
        HttpResponse<String> failed = send(HttpRequest.newBuilder(app.baseUri().resolve("/fail")));
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).doesNotContain("4111").doesNotContain("Exception");
        String requestId = failed.headers().firstValue("X-Request-ID").orElseThrow();
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<CapturedError> errors;
        do {
            errors = ObsErrors.recent().stream().filter(e -> requestId.equals(e.requestId())).toList();
            Thread.sleep(20);
        } while (errors.isEmpty() && System.nanoTime() < deadline);
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.exceptionType()).isEqualTo(IllegalStateException.class.getName());
            assertThat(error.message()).doesNotContain("4111").contains("[REDACTED]");
            assertThat(error.httpRoute()).isEqualTo("/fail");
            assertThat(error.httpStatus()).isEqualTo(500);
        });
    }

    @Test
    void adminEndpointsAnswer() throws Exception {
        URI admin = URI.create("http://127.0.0.1:" + obs.adminPort());
        assertThat(send(HttpRequest.newBuilder(admin.resolve("/health"))).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(admin.resolve("/ready"))).body()).isEqualTo("{\"status\":\"UP\"}");
    }
}
