package dev.obs.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.obs.Observability;
import dev.obs.errors.CapturedError;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** Each assertion failing says what it expected and what was captured (the access log is off, to keep the lines few). */
@ObsTest(config = "obs.log.access=off")
class FailureMessagesTest {

    private ObsCapture capture;
    private String okId;
    private String failedId;

    @BeforeEach
    void twoRequests(ObsCapture capture, Observability obs) {
        this.capture = capture;
        Orders.OrderService service = obs.instrument(Orders.OrderService.class, new Orders.DefaultOrderService());
        HttpDriver orders = capture.http("/orders", new Orders.OrderHandler(service));
        okId = orders.header("X-Request-ID", "ok-1").post("/orders/42", "").requestId();
        failedId = orders.header("X-Request-ID", "failed-1").post("/orders/13", "").requestId();
    }

    private static String failureOf(ThrowingCallable assertion) {
        Throwable thrown = catchThrowable(assertion);
        assertThat(thrown).as("the assertion should have failed").isInstanceOf(AssertionError.class);
        return thrown.getMessage();
    }

    @Test
    void loggedAtNamesTheLevelAndListsTheRequestsLines() {
        assertThat(failureOf(() -> assertThat(capture).request(okId).loggedAt(Level.WARN)))
                .contains("Expected the log lines of request ok-1 to include a line at WARN, but none of its 2 lines does:")
                .contains("INFO  " + Orders.OrderHandler.class.getName() + " \"placing order 42\" request_id=ok-1 trace_id=")
                .contains("\"order placed\" order_id=42 request_id=ok-1");
    }

    @Test
    void withFieldShowsTheValueExpectedAndTheLinesThatLackIt() {
        assertThat(failureOf(() -> assertThat(capture).request(failedId).loggedAt(Level.WARN).withField("order_id", 42)))
                .contains("Expected the log lines of request failed-1 at WARN to include a line with field order_id=42, but its only line does not:")
                .contains("\"order out of stock\" order_id=13");
        assertThat(failureOf(() -> assertThat(capture).request(okId).loggedAt(Level.INFO).withField("customer", "c-1")))
                .contains("with field customer=\"c-1\"");
    }

    @Test
    void aRequestThatLoggedNothingListsTheLinesThereAre() {
        assertThat(failureOf(() -> assertThat(capture).request("nope").loggedAt(Level.INFO)))
                .contains("Expected the log lines of request nope to include a line at INFO, but there are none.")
                .contains("Log lines captured:")
                .contains("request_id=ok-1");
        assertThat(failureOf(() -> assertThat(capture).request("nope").everyLogLineCarriesTraceId()))
                .contains("Expected every log line of request nope to carry its trace ID, but the request logged no line.")
                .contains("Request IDs seen in log lines: [ok-1, failed-1]");
    }

    @Test
    void everyLogLineCarriesTraceIdListsTheLinesWithout() {
        org.slf4j.MDC.put("request_id", "manual-1");
        try {
            org.slf4j.LoggerFactory.getLogger("com.acme.Batch").info("no trace here");
        } finally {
            org.slf4j.MDC.remove("request_id");
        }
        assertThat(failureOf(() -> assertThat(capture).request("manual-1").everyLogLineCarriesTraceId()))
                .contains("Expected every log line of request manual-1 to carry its trace ID null (and a span ID), but 1 of 1 do not:")
                .contains("com.acme.Batch \"no trace here\" request_id=manual-1");
        assertThat(failureOf(() -> assertThat(capture).logs().everyLineCarriesTraceId()))
                .contains("Expected every one of the log lines to carry trace_id and span_id, but 1 of 6 do not:");
    }

    @Test
    void logLineCountsAndLevelsListTheLines() {
        assertThat(failureOf(() -> assertThat(capture).request(okId).logs().hasSize(3)))
                .contains("Expected 3 the log lines of request ok-1, but found 2:");
        assertThat(failureOf(() -> assertThat(capture).request(failedId).logs().hasNoLinesAt(Level.ERROR)))
                .contains("Expected no line at ERROR among the log lines of request failed-1, but found 1:")
                .contains("exception=java.lang.IllegalStateException");
        assertThat(failureOf(() -> assertThat(capture).logs().withMessage("order shipped")))
                .contains("to include a line with message \"order shipped\", but none of its 5 lines does:");
        assertThat(failureOf(() -> assertThat(capture).logs().withMessageContaining("shipped")))
                .contains("to include a line with a message containing \"shipped\"");
        assertThat(failureOf(() -> assertThat(capture).logs().withException(IllegalArgumentException.class)))
                .contains("to include a line with a java.lang.IllegalArgumentException");
        assertThat(failureOf(() -> assertThat(capture).logs().fromLogger("com.acme.Nope")))
                .contains("to include a line from logger com.acme.Nope");
        assertThat(failureOf(() -> assertThat(capture).logs().isEmpty())).contains("Expected no the log lines, but found 5:");
    }

    @Test
    void spanLookupListsTheSpansAsTrees() {
        assertThat(failureOf(() -> assertThat(capture).span("OrderService.cancel")))
                .contains("Expected exactly one span named \"OrderService.cancel\", but there is none.")
                .containsPattern("  \"POST /orders/\\{id}\" \\[SERVER] trace \\w{32} span \\w{16}\n"
                        + "    \"DefaultOrderService.placeOrder\" \\[INTERNAL] trace ");
        assertThat(failureOf(() -> assertThat(capture).span("POST /orders/{id}")))
                .contains("Expected exactly one span named \"POST /orders/{id}\", but there are 2.");
        assertThat(failureOf(() -> capture.span("POST /orders/{id}")))
                .contains("Expected exactly one span named \"POST /orders/{id}\", but there are 2.");
        assertThat(failureOf(() -> assertThat(capture).request("nope").span("DefaultOrderService.placeOrder")))
                .contains("nothing captured tells its trace ID");
        assertThat(failureOf(() -> assertThat(capture).request("nope").serverSpan()))
                .contains("Expected a server span of request nope, but none was captured (was it sampled?).");
    }

    @Test
    void spanAssertionsSayWhatTheSpanIs() {
        var okServer = assertThat(capture).request(okId).serverSpan().actual();
        var failedServer = assertThat(capture).request(failedId).serverSpan().actual();
        SpanAssert okPlace = assertThat(capture).request(okId).span("DefaultOrderService.placeOrder");

        assertThat(failureOf(() -> okPlace.hasParent(failedServer)))
                .contains("to be a child of \"POST /orders/{id}\" [SERVER, ERROR]")
                .contains("but its parent is \"POST /orders/{id}\" [SERVER] trace " + okServer.getTraceId());
        assertThat(failureOf(() -> okPlace.hasParentNamed("GET /orders")))
                .contains("to have a parent named \"GET /orders\",")
                .contains("but its parent is \"POST /orders/{id}\" [SERVER]");
        assertThat(failureOf(() -> okPlace.isRoot())).contains("to be a root span, but its parent is \"POST /orders/{id}\"");
        assertThat(failureOf(() -> assertThat(capture).request(okId).serverSpan().hasParentNamed("x")))
                .contains("but its parent is none (it is a root span)");
        assertThat(failureOf(() -> okPlace.hasStatus(StatusCode.ERROR))).contains("to have status ERROR, but it has status UNSET.");
        assertThat(failureOf(() -> okPlace.hasKind(SpanKind.CLIENT))).contains("to be of kind CLIENT, but it is INTERNAL");
        assertThat(failureOf(() -> assertThat(capture).request(okId).serverSpan().hasAttribute("http.route", "/orders")))
                .contains("to have attribute http.route=\"/orders\", but it is \"/orders/{id}\".")
                .contains("Its attributes: {")
                .contains("http.response.status_code=200");
        assertThat(failureOf(() -> okPlace.hasAttribute("order_id", 42))).contains("but it has no such attribute.");
        assertThat(failureOf(() -> okPlace.hasRecordedException(IllegalStateException.class)))
                .contains("to have recorded a java.lang.IllegalStateException, but it recorded no exception");
        assertThat(failureOf(() -> okPlace.hasTraceId(failedServer.getTraceId())))
                .contains("to belong to trace " + failedServer.getTraceId() + ", but it belongs to " + okServer.getTraceId());
        assertThat(failureOf(() -> assertThat(capture).spans().hasSize(1)))
                .contains("Expected 1 spans, but 4 were captured:");
        assertThat(failureOf(() -> assertThat(capture).spans().isEmpty())).contains("Expected 0 spans, but 4 were captured:");
        assertThat(failureOf(() -> assertThat(capture).spans().hasNames("POST /orders/{id}")))
                .contains("Expected spans named [POST /orders/{id}] (in any order), but they are named [DefaultOrderService.placeOrder, "
                        + "DefaultOrderService.placeOrder, POST /orders/{id}, POST /orders/{id}]");
        assertThat(failureOf(() -> assertThat(capture).spans().containsNames("POST /orders/{id}", "GET /health")))
                .contains("Expected spans named [POST /orders/{id}, GET /health], but [GET /health] is missing.");
        assertThat(failureOf(() -> assertThat(capture).spans().doesNotContainName("POST /orders/{id}")))
                .contains("Expected no span named \"POST /orders/{id}\", but there is one:");
    }

    @Test
    void meterAssertionsListTheSeries() {
        assertThat(failureOf(() -> assertThat(capture).timer("orders.place").hasCount(3)))
                .contains("Expected timer \"orders.place\" to have recorded 3 times, but it recorded 2.")
                .contains("orders.place{class=" + Orders.DefaultOrderService.class.getName() + ",env=test,exception=none,method=placeOrder,service=test} count=1")
                .contains("exception=IllegalStateException");
        assertThat(failureOf(() -> assertThat(capture).timer("orders.place").withTag("exception", "none").hasCount(2)))
                .contains("Expected timer \"orders.place\" tagged exception=none to have recorded 2 times, but it recorded 1.");
        assertThat(failureOf(() -> assertThat(capture).timer("orders.place").withTag("exception", "TimeoutException")))
                .contains("Expected timer \"orders.place\" to have a series tagged exception=TimeoutException, but none is.");
        assertThat(failureOf(() -> assertThat(capture).timer("orders.cancel")))
                .contains("Expected a timer named \"orders.cancel\", but there is none.")
                .contains("http.server.request.duration{");
        assertThat(failureOf(() -> assertThat(capture).timer("orders.place").hasTotalTimeAtLeast(Duration.ofHours(1))))
                .contains("to have recorded at least PT1H in total, but it recorded PT");

        capture.meters().counter("orders.placed", "tier", "gold").increment();
        assertThat(failureOf(() -> assertThat(capture).counter("orders.placed").hasCount(2)))
                .contains("Expected counter \"orders.placed\" to count 2, but it counts 1.")
                .contains("orders.placed{env=test,service=test,tier=gold} count=1");
        assertThat(failureOf(() -> assertThat(capture).counter("orders.placed").withTag("tier", "silver")))
                .contains("to have a series tagged tier=silver, but none is.");
        assertThat(failureOf(() -> assertThat(capture).counter("orders.shipped")))
                .contains("Expected a counter named \"orders.shipped\", but there is none.");
    }

    @Test
    void errorAssertionsShowTheEvent() {
        String event = "java.lang.IllegalStateException: \"order 13 is out of stock\" [";
        assertThat(failureOf(() -> assertThat(capture).errors().hasSize(2)))
                .contains("Expected 2 error events, but there is 1:")
                .contains(event).contains("request_id=failed-1").contains("POST /orders/{id} -> 500");
        assertThat(failureOf(() -> assertThat(capture).errors().isEmpty())).contains("Expected 0 error events, but there is 1:");
        assertThat(failureOf(() -> assertThat(capture).request(okId).errors().first()))
                .contains("Expected at least one of the error events of request ok-1, but there are 0:")
                .contains("(no error events)");
        assertThat(failureOf(() -> assertThat(capture).errors().element(1))).contains("Expected at least 2 error events, but there is 1:");
        assertThat(failureOf(() -> assertThat(capture).errors().ofType(IllegalArgumentException.class)))
                .contains("Expected error events to include a java.lang.IllegalArgumentException, but none is one:");

        ErrorAssert error = assertThat(capture).errors().single();
        assertThat(failureOf(() -> error.hasType(IllegalArgumentException.class)))
                .contains("to be a java.lang.IllegalArgumentException, but it is a java.lang.IllegalStateException");
        assertThat(failureOf(() -> error.hasMessage("sold out"))).contains("to have the message \"sold out\", but it has \"order 13 is out of stock\"");
        assertThat(failureOf(() -> error.hasMessageContaining("sold"))).contains("to have a message containing \"sold\"");
        assertThat(failureOf(() -> error.isTaggedWithRequestId(okId)))
                .contains("to be tagged with request ID ok-1, but it is tagged with failed-1");
        assertThat(failureOf(() -> error.isTaggedWithTraceId("0af7651916cd43dd8448eb211c80319c")))
                .contains("to be tagged with trace ID 0af7651916cd43dd8448eb211c80319c, but it is tagged with ");
        assertThat(failureOf(() -> error.isTaggedWithSpan(assertThat(capture).request(okId).serverSpan().actual())))
                .contains("to be tagged with span \"POST /orders/{id}\" [SERVER]");
        assertThat(failureOf(() -> error.hasSource(CapturedError.Source.MANUAL))).contains("to come from MANUAL, but it comes from ");
        assertThat(failureOf(() -> error.hasHttpStatus(503))).contains("to have failed a request with status 503, but the status is 500");
    }
}
