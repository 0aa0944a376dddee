package dev.obs.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.errors.CapturedError;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** Every assertion of the kit passing on what a real instrumented handler produces. */
@ObsTest
class ObsCaptureTest {

    private HttpDriver orders;

    @BeforeEach
    void setUp(ObsCapture capture, Observability obs) {
        Orders.OrderService service = obs.instrument(Orders.OrderService.class, new Orders.DefaultOrderService());
        orders = capture.http("/orders", new Orders.OrderHandler(service));
    }

    @Test
    void aSuccessfulRequestIsCorrelatedAcrossAllFourSignals(ObsCapture capture) {
        HttpResult response = orders.header("X-Request-ID", "req-1").post("/orders/42", "");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("placed 42");
        assertThat(response.requestId()).isEqualTo("req-1");

        assertThat(capture).request("req-1").loggedAt(Level.INFO).withField("order_id", 42).withMessage("order placed");
        assertThat(capture).request("req-1").logs().hasSize(3).hasNoLinesAt(Level.ERROR); // two of the handler's, one access line
        assertThat(capture).request("req-1").loggedAt(Level.INFO).fromLogger("obs.access")
                .withField("route", "/orders/{id}").withField("status", 200).hasSize(1);
        assertThat(capture).request("req-1").everyLogLineCarriesTraceId();

        SpanData server = capture.span("POST /orders/{id}");
        assertThat(capture).request("req-1").serverSpan().hasKind(SpanKind.SERVER).isRoot()
                .hasAttribute("http.response.status_code", 200).hasAttribute("http.route", "/orders/{id}");
        assertThat(capture).span("DefaultOrderService.placeOrder").isChildOf(server).hasParentNamed("POST /orders/{id}")
                .hasKind(SpanKind.INTERNAL).hasStatus(StatusCode.UNSET).hasTraceId(server.getTraceId());
        assertThat(capture).request("req-1").span("DefaultOrderService.placeOrder").hasParent(server);
        assertThat(capture).spans().hasSize(2).hasNames("DefaultOrderService.placeOrder", "POST /orders/{id}")
                .containsNames("POST /orders/{id}").doesNotContainName("GET /orders");

        assertThat(capture).timer("orders.place").hasCount(1).withTag("exception", "none").hasCount(1);
        assertThat(capture).timer("http.server.request.duration").withTag("http.route", "/orders/{id}").hasCount(1);
        assertThat(capture).errors().isEmpty();
    }

    @Test
    void aFailedRequestGivesOneErrorEventTaggedWithItsIds(ObsCapture capture) {
        HttpResult response = orders.post("/orders/13", "");

        String id = response.requestId();
        assertThat(response.status()).isEqualTo(500);
        assertThat(id).isNotBlank();
        assertThat(response.body()).contains(id);

        SpanData server = capture.span("POST /orders/{id}");
        SpanData placeOrder = capture.span("DefaultOrderService.placeOrder");
        assertThat(capture).span("DefaultOrderService.placeOrder").hasParent(server).hasStatus(StatusCode.ERROR)
                .hasRecordedException(IllegalStateException.class);
        assertThat(capture).request(id).serverSpan().hasStatus(StatusCode.ERROR);
        assertThat(capture).request(id).loggedAt(Level.WARN).withField("order_id", 13L).withField("order_id", "13")
                .withMessageContaining("out of stock").fromLogger(Orders.DefaultOrderService.class.getName()).hasSize(1);
        assertThat(capture).request(id).loggedAt(Level.ERROR).withException(IllegalStateException.class);
        assertThat(capture).request(id).everyLogLineCarriesTraceId();
        assertThat(capture).timer("orders.place").withTag("exception", "IllegalStateException").hasCount(1);

        assertThat(capture).errors().hasSize(1).first()
                .hasType(IllegalStateException.class)
                .hasMessage("order 13 is out of stock")
                .hasMessageContaining("out of stock")
                .isTaggedWithRequestId(id)
                .isTaggedWithTraceId(server.getTraceId())
                .hasHttpStatus(500);
        assertThat(capture).request(id).errors().single().hasSource(capture.errors().get(0).source());
        assertThat(capture).errors().ofType(IllegalStateException.class).last().isTaggedWithTraceId(placeOrder.getTraceId());
    }

    @Test
    void countersAndTimersOfTheUsersOwn(ObsCapture capture) {
        capture.meters().counter("orders.placed", "tier", "gold").increment(2);
        capture.meters().counter("orders.placed", "tier", "silver").increment();
        capture.observability().time("orders.import", () -> { });

        assertThat(capture).counter("orders.placed").hasCount(3).withTag("tier", "gold").hasCount(2);
        assertThat(capture).timer("orders.import").hasCount(1).hasTotalTimeAtLeast(java.time.Duration.ZERO);
    }

    @Test
    void logLinesOutsideARequestAreCapturedWithTheirFieldsRedacted(ObsCapture capture) {
        LoggerFactory.getLogger("com.acme.Billing").atInfo().addKeyValue("password", "hunter2").addKeyValue("attempt", 3)
                .log("login by alice@example.com");

        CapturedLog line = capture.logs().get(0);
        assertThat(line.requestId()).isNull();
        assertThat(line.thread()).isEqualTo(Thread.currentThread().getName());
        assertThat(line.message()).doesNotContain("alice@example.com");
        assertThat(capture).logs().hasSize(1).loggedAt(Level.INFO).fromLogger("com.acme.Billing")
                .withField("password", "[REDACTED]").withField("attempt", 3);
    }

    @Test
    void logLinesAreReadBackFromTheJsonLineObsWrites(ObsCapture capture) {
        LoggerFactory.getLogger("com.acme.Billing").atWarn().addKeyValue("level", "fake")
                .addKeyValue("order", java.util.Map.of("sku", "mug", "password", "hunter2")).addKeyValue("total", 12.5)
                .log("declined");

        CapturedLog line = capture.logs().get(0);
        assertThat(line.level()).isEqualTo(Level.WARN); // the pair named "level" is written as "_level"
        assertThat(line.field("level")).isEqualTo("fake");
        assertThat(line.field("order")).isEqualTo(java.util.Map.of("sku", "mug", "password", "[REDACTED]")); // a JSON object
        assertThat(line.field("total")).isEqualTo(12.5);
    }

    @Test
    void clearForgetsLogsSpansAndErrorsButNotMeters(ObsCapture capture) {
        orders.post("/orders/13", "");
        capture.clear();

        assertThat(capture).logs().isEmpty();
        assertThat(capture).spans().isEmpty();
        assertThat(capture).errors().isEmpty();
        assertThat(capture).timer("orders.place").hasCount(1);

        orders.post("/orders/7", "");
        assertThat(capture).spans().hasSize(2);
    }

    @Test
    void capturedErrorsAreTheErrorModulesRecords(ObsCapture capture) {
        dev.obs.errors.ObsErrors.capture(new IllegalArgumentException("bad input"));

        assertThat(capture).errors().single().hasType(IllegalArgumentException.class).hasSource(CapturedError.Source.MANUAL)
                .isTaggedWithRequestId(null);
    }
}
