package dev.obs.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import dev.obs.errors.support.Inventory;
import dev.obs.errors.support.LogPublishingModule;
import dev.obs.errors.support.ObservedServer;
import dev.obs.errors.support.Secrets;
import dev.obs.errors.support.SentryReceiver;
import dev.obs.http.HttpRoute;
import dev.obs.redact.Redactor;
import dev.obs.testing.IsolatedObs;
import io.sentry.Sentry;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Sentry SDK sending to a loopback receiver that parses its envelopes: what an event
 * carries, what it never carries, one event per failure, and a Sentry that hangs or is gone.
 */
class SentryEnvelopeIT {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";

    private SentryReceiver receiver;
    private Observability obs;
    private ObservedServer server;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new SentryReceiver();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        Observability.resetForTesting();
        receiver.close();
    }

    private void install(String... settings) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("sentry.dsn", receiver.dsn());
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        Observability.Builder builder = IsolatedObs.builder()
                .serviceName("orders").set("obs.service.version", "1.4.0").set("obs.env", "staging")
                .set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1").shutdownHook(false);
        values.forEach(builder::set);
        obs = builder.install();
        server = new ObservedServer(obs);
    }

    @Test
    @SuppressWarnings("try") // the scope only needs to be open
    void aFailedRequestIsOneEventWithItsIdsTraceUserRequestAndBreadcrumbs() throws Exception {
        install();
        Inventory inventory = obs.instrument(Inventory.class, Inventory.failingWith(new IllegalStateException("warehouse 7 unreachable")));
        server.route("/orders", exchange -> {
            HttpRoute.set(exchange, "/orders/{id}");
            LogPublishingModule.log("INFO", "com.acme.Orders", "loading order 17", null);
            // what a tracing module and an authenticating handler would make current
            RequestContext inner = RequestContext.current().withSpanId(SPAN_ID).withUserId("user-42");
            try (ContextScope scope = inner.makeCurrent()) {
                LogPublishingModule.log("WARN", "com.acme.Stock", "stock low for sku-9", null);
                inventory.reserve("sku-9"); // escapes the @Traced method, then the handler
            }
        });

        HttpResponse<String> response = server.get("/orders/17",
                "traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-01",
                "Authorization", "Bearer " + Secrets.BEARER_TOKEN,
                "Cookie", "session=c00kieValue");
        assertThat(response.statusCode()).isEqualTo(500);
        String requestId = response.headers().firstValue("X-Request-ID").orElseThrow();
        awaitRecent(1);
        obs.close(); // flushes

        assertThat(receiver.failures()).isEmpty();
        List<SentryReceiver.Item> events = receiver.events();
        assertThat(events).hasSize(1);
        SentryReceiver.Envelope envelope = receiver.envelopes().stream()
                .filter(e -> e.items().stream().anyMatch(i -> "event".equals(i.type()))).findFirst().orElseThrow();
        assertThat(envelope.path()).isEqualTo("/api/1/envelope/");
        assertThat(envelope.contentEncoding()).isEqualTo("gzip"); // the receiver read a compressed body
        Map<String, Object> event = events.get(0).json();

        assertThat(envelope.header().get("event_id")).isEqualTo(event.get("event_id"));
        assertThat(ObsErrors.recent()).singleElement().extracting(CapturedError::eventId).isEqualTo(event.get("event_id"));
        Map<String, Object> exception = first(list(map(event, "exception"), "values"));
        assertThat(exception).containsEntry("type", "IllegalStateException").containsEntry("module", "java.lang")
                .containsEntry("value", "warehouse 7 unreachable");
        assertThat(map(exception, "mechanism")).containsEntry("type", "obs.http_server").containsEntry("handled", false);
        assertThat(event).containsEntry("level", "error").containsEntry("environment", "staging")
                .containsEntry("release", "orders@1.4.0").containsEntry("transaction", "GET /orders/{id}");

        assertThat(map(event, "tags")).containsEntry("request_id", requestId).containsEntry("trace_id", TRACE_ID)
                .containsEntry("span_id", SPAN_ID).containsEntry("service", "orders").containsEntry("env", "staging")
                .containsEntry("http.route", "/orders/{id}").containsEntry("http.request.method", "GET")
                .containsEntry("http.response.status_code", "500");
        Map<String, Object> trace = map(map(event, "contexts"), "trace");
        assertThat(trace).containsEntry("trace_id", TRACE_ID).containsEntry("span_id", SPAN_ID).containsEntry("op", "http.server");
        assertThat(map(map(event, "contexts"), "response")).containsEntry("status_code", 500L);

        assertThat(map(event, "user")).containsOnlyKeys("id").containsEntry("id", "user-42");
        Map<String, Object> request = map(event, "request");
        assertThat(request).containsEntry("method", "GET").containsEntry("url", "/orders/17")
                .doesNotContainKeys("headers", "cookies");

        List<String> breadcrumbs = new ArrayList<>();
        for (Object crumb : list(event, "breadcrumbs")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> c = (Map<String, Object>) crumb;
            breadcrumbs.add(c.get("level") + " " + c.get("category") + " " + c.get("message"));
        }
        assertThat(breadcrumbs).containsSubsequence("info com.acme.Orders loading order 17", "warning com.acme.Stock stock low for sku-9");

        assertThat(envelope.body()).doesNotContain(Secrets.BEARER_TOKEN).doesNotContain("c00kieValue")
                .doesNotContain("ip_address").doesNotContain("\"email\"");
    }

    @Test
    void secretsInMessagesExtrasAndBreadcrumbsNeverLeaveTheProcess() throws Exception {
        install();
        server.route("/pay", exchange -> {
            LogPublishingModule.log("INFO", "com.acme.Pay", "charging " + Secrets.TEXT, null);
            Sentry.setExtra("payment", Secrets.TEXT);       // the application using Sentry's API directly
            Sentry.setExtra("api_key", "k-123456");
            Sentry.addBreadcrumb("called gateway with " + Secrets.TEXT);
            throw new IllegalStateException("charge failed: " + Secrets.TEXT,
                    new IllegalArgumentException("card " + Secrets.CARD + " of " + Secrets.EMAIL));
        });

        server.get("/pay");
        awaitRecent(1);
        obs.close();

        List<SentryReceiver.Item> events = receiver.events();
        assertThat(events).hasSize(1);
        String sent = String.join("\n", receiver.envelopes().stream().map(SentryReceiver.Envelope::body).toList());
        for (String secret : Secrets.VALUES) {
            assertThat(sent).as("sent envelopes contain %s", secret).doesNotContain(secret);
        }
        assertThat(sent).doesNotContain("k-123456");
        Map<String, Object> event = events.get(0).json();
        List<Object> exceptions = list(map(event, "exception"), "values");
        assertThat(exceptions).hasSize(2); // Sentry lists the cause first
        assertThat(exceptions).extracting(e -> (Object) ((Map<?, ?>) e).get("type")).containsExactly("IllegalArgumentException", "IllegalStateException");
        assertThat(((Map<?, ?>) exceptions.get(1)).get("value")).asString().startsWith("charge failed: login failed password=" + Redactor.MASK);
        assertThat(((Map<?, ?>) exceptions.get(0)).get("value")).isEqualTo("card " + Redactor.MASK + " of " + Redactor.MASK);
        assertThat(map(event, "extra")).containsEntry("api_key", Redactor.MASK);
        assertThat(map(event, "extra").get("payment")).asString().contains(Redactor.MASK);
        assertThat(list(event, "breadcrumbs")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(ObsErrors.recent().get(0).message()).doesNotContain(Secrets.PASSWORD, Secrets.EMAIL, Secrets.JWT);
    }

    @Test
    void breadcrumbsExtrasAndContextsOfOneRequestNeverReachAnotherRequestsEvent() throws Exception {
        install();
        server.route("/first", exchange -> {
            LogPublishingModule.log("INFO", "com.acme.First", "first request line", null);
            Sentry.addBreadcrumb("breadcrumb-of-the-first-request");
            Sentry.setExtra("first-extra", "extra-of-the-first-request");
            ObservedServer.respond(exchange, 200, "ok");
        });
        server.route("/second", exchange -> {
            Sentry.configureScope(scope -> scope.setContexts("payment", java.util.Map.of("card", Secrets.CARD, "note", "paid by " + Secrets.EMAIL)));
            throw new IllegalStateException("second failed");
        });
        for (int i = 0; i < 16; i++) { // every worker thread of the server serves one
            server.get("/first");
        }
        HttpResponse<String> failed = server.get("/second", "X-Request-ID", "second-1");
        assertThat(failed.statusCode()).isEqualTo(500);
        awaitRecent(1);
        obs.close();

        List<SentryReceiver.Item> events = receiver.events();
        assertThat(events).hasSize(1);
        String sent = events.get(0).json().toString();
        assertThat(sent).contains("second-1").doesNotContain("first request line").doesNotContain("breadcrumb-of-the-first-request")
                .doesNotContain("extra-of-the-first-request").doesNotContain(Secrets.CARD).doesNotContain(Secrets.EMAIL);
        assertThat(map(map(events.get(0).json(), "contexts"), "payment")).containsEntry("card", Redactor.MASK);
    }

    @Test
    void anUnknownMethodIsRecordedAsOther() throws Exception {
        install();
        server.route("/orders", exchange -> {
            throw new IllegalStateException("no such thing");
        });
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(server.uri("/orders")).method("X-PURGE-" + "A".repeat(200),
                        java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(500);
        awaitRecent(1);
        obs.close();
        Map<String, Object> event = receiver.events().get(0).json();
        assertThat(map(event, "tags")).containsEntry("http.request.method", "_OTHER");
        assertThat(map(event, "request")).containsEntry("method", "_OTHER");
        assertThat(event.toString()).doesNotContain("X-PURGE");
    }

    @Test
    void everyFailedRequestIsExactlyOneEvent() throws Exception {
        install();
        server.route("/fail", exchange -> {
            IllegalStateException failure = new IllegalStateException("failure of " + exchange.getRequestURI().getPath());
            LogPublishingModule.log("ERROR", "com.acme.Fail", "request failed", failure);
            throw failure;
        });

        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requestIds.add(server.get("/fail/" + i).headers().firstValue("X-Request-ID").orElseThrow());
        }
        awaitRecent(3);
        obs.close();

        List<String> sentRequestIds = new ArrayList<>();
        for (SentryReceiver.Item event : receiver.events()) {
            Map<String, Object> json = event.json();
            sentRequestIds.add((String) map(json, "tags").get("request_id"));
            assertThat(map(json, "message")).containsEntry("formatted", "request failed");
            assertThat(json).containsEntry("logger", "com.acme.Fail");
        }
        assertThat(sentRequestIds).containsExactlyInAnyOrderElementsOf(requestIds);
    }

    @Test
    void aStalledSentryCostsRequestsNothingAndDropsAreCounted() throws Exception {
        install("obs.errors.queue.size", "5", "obs.shutdown.timeout", "2s");
        server.route("/boom", exchange -> {
            throw new IllegalStateException("boom");
        });
        server.route("/ok", exchange -> ObservedServer.respond(exchange, 200, "ok"));
        for (int i = 0; i < 20; i++) { // warm up the JIT and the connection pool
            server.get("/ok");
        }

        List<Long> baseline = timeFailingRequests(100);
        receiver.stall();
        List<Long> stalled = timeFailingRequests(100);

        System.out.printf("obs-errors: server-side latency of failing requests, Sentry answering: median %d us, p99 %d us;"
                + " Sentry stalled: median %d us, p99 %d us, max %d us%n",
                baseline.get(50), baseline.get(98), stalled.get(50), stalled.get(98), stalled.get(99));
        // Sentry's sender blocks for seconds on the stalled receiver; the request threads must not notice.
        assertThat(stalled.get(50)).as("median with Sentry stalled, us").isLessThan(Math.max(20_000, 3 * baseline.get(50)));
        assertThat(stalled.get(99)).as("slowest with Sentry stalled, us").isLessThan(500_000);
        awaitRecent(ObsErrors.RECENT_CAPACITY); // bounded: the last 100 of the 200
        assertThat(ObsErrors.recent()).hasSize(ObsErrors.RECENT_CAPACITY);
        assertThat(LogPublishingModule.metric("obs.errors", "type", "java.lang.IllegalStateException")).isEqualTo(200);
        assertThat(LogPublishingModule.metric("obs.errors.dropped", "reason", "queue_overflow")).isGreaterThanOrEqualTo(90);

        long closeStart = System.nanoTime();
        obs.close();
        long closeMillis = (System.nanoTime() - closeStart) / 1_000_000;
        System.out.printf("obs-errors: close() with a stalled Sentry and a 2s timeout took %d ms%n", closeMillis);
        assertThat(closeMillis).as("close() with a stalled Sentry, ms").isLessThan(3_500);
    }

    @Test
    void aSentryThatIsGoneCostsRequestsNothingAndDropsAreCounted() throws Exception {
        receiver.close(); // the port is closed: connections are refused
        install("obs.shutdown.timeout", "2s");
        server.route("/boom", exchange -> {
            throw new IllegalStateException("boom");
        });

        List<Long> micros = timeFailingRequests(10);
        assertThat(micros.get(9)).as("slowest failing request on the server, us").isLessThan(500_000);
        awaitRecent(10);
        obs.close();

        assertThat(LogPublishingModule.metric("obs.errors.dropped", "reason", "network_error")).isEqualTo(10);
    }

    @Test
    void aZeroSampleRateSendsNothingButStillCountsAndKeeps() throws Exception {
        install("obs.errors.sample.rate", "0");
        server.route("/boom", exchange -> {
            throw new IllegalStateException("boom");
        });

        for (int i = 0; i < 5; i++) {
            server.get("/boom");
        }
        awaitRecent(5);
        obs.close();

        assertThat(receiver.events()).isEmpty();
        assertThat(ObsErrors.recent()).hasSize(5).allSatisfy(error -> assertThat(error.eventId()).isNull());
        assertThat(LogPublishingModule.metric("obs.errors", "type", "java.lang.IllegalStateException")).isEqualTo(5);
        assertThat(LogPublishingModule.metric("obs.errors.sampled.out")).isEqualTo(5);
        assertThat(LogPublishingModule.metrics("obs.errors.dropped")).allSatisfy(m -> assertThat(m.value()).isZero());
    }

    /** Sends {@code count} failing requests; returns their server-side durations in microseconds, sorted. */
    private List<Long> timeFailingRequests(int count) throws Exception {
        server.clearTimings();
        for (int i = 0; i < count; i++) {
            assertThat(server.get("/boom").statusCode()).isEqualTo(500);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.serverMicros().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        List<Long> micros = new ArrayList<>(server.serverMicros());
        assertThat(micros).hasSize(count);
        Collections.sort(micros);
        return micros;
    }

    private static List<CapturedError> awaitRecent(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ObsErrors.recent().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(ObsErrors.recent()).hasSizeGreaterThanOrEqualTo(count);
        return ObsErrors.recent();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> json, String key) {
        assertThat(json).containsKey(key);
        return (Map<String, Object>) json.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> json, String key) {
        assertThat(json).containsKey(key);
        return (List<Object>) json.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(List<Object> values) {
        assertThat(values).isNotEmpty();
        return (Map<String, Object>) values.get(0);
    }
}
