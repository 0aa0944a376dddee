package dev.obs.logging;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obs.Observability;
import dev.obs.context.ContextPropagation;
import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import dev.obs.spi.LogEvent;
import dev.obs.testing.IsolatedObs;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a service without its own Logback configuration writes on stdout once obs is installed. */
class JsonLogLinesTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";

    private final Logger log = LoggerFactory.getLogger("com.acme.orders.OrderService");
    private Capture capture;

    @BeforeEach
    void install() {
        capture = new Capture();
        IsolatedObs.builder().set("obs.admin.port", "0").shutdownHook(false)
                .serviceName("orders").set("obs.env", "test").set("obs.service.version", "1.4.2")
                .set("obs.log.levels", "com.acme.debugging=debug")
                .install();
    }

    @AfterEach
    void reset() {
        Observability.resetForTesting();
        capture.close();
    }

    private static RequestContext request(String id) {
        return RequestContext.newRequest(id).withTrace(TRACE_ID, SPAN_ID, true);
    }

    @Test
    void everyFieldInTheDocumentedOrder() throws Exception {
        try (ContextScope ignored = request("req-1").makeCurrent()) {
            log.atInfo().addKeyValue("order_id", 42).addKeyValue("customer", "c-7").log("order {} placed", "o-42");
        }
        JsonNode line = capture.awaitMessage("order o-42 placed");

        List<String> names = new ArrayList<>();
        line.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("@timestamp", "level", "logger", "thread", "message", "service", "env", "version",
                "request_id", "trace_id", "span_id", "order_id", "customer");
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("logger").asText()).isEqualTo("com.acme.orders.OrderService");
        assertThat(line.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(line.get("service").asText()).isEqualTo("orders");
        assertThat(line.get("env").asText()).isEqualTo("test");
        assertThat(line.get("version").asText()).isEqualTo("1.4.2");
        assertThat(line.get("request_id").asText()).isEqualTo("req-1");
        assertThat(line.get("trace_id").asText()).isEqualTo(TRACE_ID);
        assertThat(line.get("span_id").asText()).isEqualTo(SPAN_ID);
        assertThat(line.get("order_id").isNumber()).isTrue();
        assertThat(line.get("order_id").asInt()).isEqualTo(42);
        assertThat(line.get("customer").asText()).isEqualTo("c-7");

        String timestamp = line.get("@timestamp").asText();
        assertThat(timestamp).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        Instant logged = Instant.from(DateTimeFormatter.ISO_INSTANT.parse(timestamp));
        assertThat(logged).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
    }

    @Test
    void structuredArgumentsBecomeFieldsAndCannotImpersonateObsFields() {
        try (ContextScope ignored = request("req-own").makeCurrent()) {
            log.atInfo().addKeyValue("request_id", "forged").addKeyValue("level", "forged")
                    .log("paid {} {}", kv("amount_cents", 1250), kv("items", List.of("a", "b")));
        }
        JsonNode line = capture.awaitMessage("paid amount_cents=1250 items=[a, b]");
        assertThat(line.get("request_id").asText()).isEqualTo("req-own");
        assertThat(line.get("_request_id").asText()).isEqualTo("forged");
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("_level").asText()).isEqualTo("forged");
        assertThat(line.get("amount_cents").asInt()).isEqualTo(1250);
        assertThat(line.get("items").toString()).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void idsFollowTheWorkAcrossAnExecutorHopAndNeverOutliveTheRequest() throws Exception {
        ExecutorService pool = ContextPropagation.wrap(Executors.newFixedThreadPool(1));
        try {
            try (ContextScope ignored = request("req-hop").makeCurrent()) {
                pool.submit(() -> log.info("on the pool")).get(5, TimeUnit.SECONDS);
            }
            log.info("after the request");
            pool.submit(() -> log.info("next task on the same pool thread")).get(5, TimeUnit.SECONDS);
            Executors.newSingleThreadExecutor().submit(() -> log.info("unwrapped thread")).get(5, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        JsonNode hop = capture.awaitMessage("on the pool");
        assertThat(hop.get("request_id").asText()).isEqualTo("req-hop");
        assertThat(hop.get("trace_id").asText()).isEqualTo(TRACE_ID);
        assertThat(hop.get("span_id").asText()).isEqualTo(SPAN_ID);
        assertThat(hop.get("thread").asText()).isNotEqualTo(Thread.currentThread().getName());

        for (String message : List.of("after the request", "next task on the same pool thread", "unwrapped thread")) {
            JsonNode line = capture.awaitMessage(message);
            assertThat(line.has("request_id")).as(message).isFalse();
            assertThat(line.has("trace_id")).as(message).isFalse();
            assertThat(line.has("span_id")).as(message).isFalse();
        }
    }

    @Test
    void aRequestWithoutTraceYetHasOnlyItsRequestId() {
        try (ContextScope ignored = RequestContext.newRequest("req-bare").makeCurrent()) {
            log.info("no trace");
        }
        JsonNode line = capture.awaitMessage("no trace");
        assertThat(line.get("request_id").asText()).isEqualTo("req-bare");
        assertThat(line.has("trace_id")).isFalse();
        assertThat(line.has("span_id")).isFalse();
    }

    @Test
    void newlinesAndFakeJsonInAMessageStayOneLineAndOneEvent() {
        String hostile = "user input\n{\"level\":\"ERROR\",\"message\":\"forged\",\"request_id\":\"x\"}\r\nsecond line";
        log.warn("received {}", hostile);
        log.info("marker after");
        capture.awaitMessage("marker after");

        List<JsonNode> lines = capture.lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("message").asText()).isEqualTo("received " + hostile);
        assertThat(lines.get(0).get("level").asText()).isEqualTo("WARN");
        assertThat(capture.stdout()).doesNotContain("\"message\":\"forged\"");
    }

    @Test
    void stackTraceShowsTheRootCauseFirstAndIsBounded() {
        Exception failure = new IllegalStateException("order failed",
                new java.io.UncheckedIOException("pricing unreachable", new java.net.ConnectException("refused")));
        log.error("could not place order", failure);
        JsonNode line = capture.awaitMessage("could not place order");
        String trace = line.get("stack_trace").asText();
        assertThat(trace).startsWith("java.net.ConnectException: refused");
        assertThat(trace).contains("pricing unreachable").contains("order failed");
        assertThat(names(line)).endsWith("stack_trace");

        log.error("deep", deepThrowable(2000));
        JsonNode deep = capture.awaitMessage("deep");
        assertThat(deep.get("stack_trace").asText().length()).isLessThanOrEqualTo(16384);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Throwable deepThrowable(int depth) {
        try {
            recurse(depth);
            throw new AssertionError("unreachable");
        } catch (StackOverflowError | IllegalStateException e) {
            return e;
        }
    }

    private static void recurse(int depth) {
        if (depth == 0) {
            throw new IllegalStateException("bottom");
        }
        recurse(depth - 1);
    }

    @Test
    void levelsComeFromConfiguration() {
        log.debug("debug hidden at the default info level");
        LoggerFactory.getLogger("com.acme.debugging.Cache").debug("debug shown for com.acme.debugging");
        log.info("sentinel");
        capture.awaitMessage("sentinel");
        capture.awaitMessage("debug shown for com.acme.debugging");
        assertThat(capture.stdout()).doesNotContain("debug hidden");
    }

    @Test
    void javaUtilLoggingAndSystemLoggerComeOutAsTheSameJson() {
        try (ContextScope ignored = request("req-jul").makeCurrent()) {
            java.util.logging.Logger.getLogger("com.acme.legacy").warning("from JUL");
            java.util.logging.Logger.getLogger("com.acme.legacy").fine("fine is below info and stays out");
            System.getLogger("dev.obs.http").log(System.Logger.Level.ERROR, "from System.Logger", new IllegalStateException("boom"));
        }
        JsonNode jul = capture.awaitMessage("from JUL");
        assertThat(jul.get("level").asText()).isEqualTo("WARN");
        assertThat(jul.get("logger").asText()).isEqualTo("com.acme.legacy");
        assertThat(jul.get("request_id").asText()).isEqualTo("req-jul");
        JsonNode platform = capture.awaitMessage("from System.Logger");
        assertThat(platform.get("level").asText()).isEqualTo("ERROR");
        assertThat(platform.get("stack_trace").asText()).startsWith("java.lang.IllegalStateException: boom");
        assertThat(capture.stdout()).doesNotContain("stays out");
        // the level propagator keeps disabled JUL levels cheap: JUL itself refuses them
        assertThat(java.util.logging.Logger.getLogger("com.acme.legacy").isLoggable(java.util.logging.Level.FINE)).isFalse();
        assertThat(java.util.logging.Logger.getLogger("com.acme.debugging.x").isLoggable(java.util.logging.Level.FINE)).isTrue();
    }

    @Test
    void infoAndAboveArePublishedToOtherModulesWithTheCallersContext() throws Exception {
        ExecutorService pool = ContextPropagation.wrap(Executors.newSingleThreadExecutor());
        IllegalStateException failure = new IllegalStateException("card 4111 1111 1111 1111 declined");
        try (ContextScope ignored = request("req-events").makeCurrent()) {
            log.debug("debug is not published");
            log.info("login for bob@example.com");
            pool.submit(() -> log.error("payment failed", failure)).get(5, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        List<LogEvent> events = RecordingModule.EVENTS;
        assertThat(events).extracting(LogEvent::message)
                .containsExactly("login for [REDACTED]", "payment failed");
        LogEvent error = events.get(1);
        assertThat(error.level()).isEqualTo("ERROR");
        assertThat(error.logger()).isEqualTo("com.acme.orders.OrderService");
        assertThat(error.throwable()).isSameAs(failure);
        assertThat(error.context().requestId()).isEqualTo("req-events");
        assertThat(events.get(0).context().traceId()).isEqualTo(TRACE_ID);
    }

    @Test
    void closeWritesOutWhatIsQueuedAndLaterLinesStillAppear() {
        for (int i = 0; i < 500; i++) {
            log.info("queued {}", i);
        }
        Observability.resetForTesting();
        assertThat(capture.lines()).extracting(n -> n.get("message").asText()).contains("queued 0", "queued 499").hasSize(500);
        log.info("after close");
        assertThat(capture.lines()).extracting(n -> n.get("message").asText()).contains("after close");
    }
}
