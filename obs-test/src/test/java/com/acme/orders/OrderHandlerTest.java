package com.acme.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slf4j.event.Level.INFO;
import static org.slf4j.event.Level.WARN;

import dev.obs.Observability;
import dev.obs.test.HttpDriver;
import dev.obs.test.HttpResult;
import dev.obs.test.ObsCapture;
import dev.obs.test.ObsTest;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@ObsTest
class OrderHandlerTest {

    private HttpDriver http;

    @BeforeEach
    void setUp(Observability obs, ObsCapture capture) {
        // The proxy honours @Traced/@Timed without build-time weaving.
        OrderService orders = obs.instrument(OrderService.class, new DefaultOrderService());
        http = capture.http("/orders", new OrderHandler(orders));
    }

    @Test
    void placesAnOrder(ObsCapture capture) {
        HttpResult response = http.post("/orders/c-7?quantity=2", "");

        assertThat(response.status()).isEqualTo(201);
        String requestId = response.requestId();
        assertThat(capture).request(requestId).loggedAt(INFO).withField("order_id", 42).withMessage("order placed");
        assertThat(capture).request(requestId).everyLogLineCarriesTraceId();
        assertThat(capture).span("DefaultOrderService.placeOrder").hasParentNamed("POST /orders/{customerId}");
        assertThat(capture).timer("orders.place").hasCount(1);
        assertThat(capture).errors().isEmpty();
    }

    @Test
    void rejectsAnOrderLargerThanTheStock(ObsCapture capture) {
        http.post("/orders/c-7?quantity=1", "");
        http.post("/orders/c-7?quantity=2", "");
        HttpResult response = http.header("X-Request-ID", "order-too-big").post("/orders/c-7?quantity=50", "");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.requestId()).isEqualTo("order-too-big");

        // the log line of that very request
        assertThat(capture).request("order-too-big").loggedAt(WARN).withField("order_id", 44).withField("quantity", 50);
        assertThat(capture).request("order-too-big").everyLogLineCarriesTraceId();

        // the service's span is a child of the request's server span, and failed
        SpanData server = assertThat(capture).request("order-too-big").serverSpan().hasStatus(StatusCode.ERROR).actual();
        assertThat(capture).request("order-too-big").span("DefaultOrderService.placeOrder")
                .isChildOf(server)
                .hasStatus(StatusCode.ERROR)
                .hasRecordedException(IllegalStateException.class);

        // three calls timed, one of them failed
        assertThat(capture).timer("orders.place").hasCount(3);
        assertThat(capture).timer("orders.place").withTag("exception", "IllegalStateException").hasCount(1);

        // one error event, tagged with the request ID and the trace
        assertThat(capture).errors().hasSize(1).first()
                .hasType(IllegalStateException.class)
                .hasMessage("only 10 in stock")
                .isTaggedWithRequestId("order-too-big")
                .isTaggedWithTraceId(server.getTraceId())
                .hasHttpStatus(500);
    }
}
