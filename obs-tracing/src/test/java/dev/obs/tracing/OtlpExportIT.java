package dev.obs.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.context.RequestContext;
import dev.obs.http.HttpRoute;
import dev.obs.tracing.support.Obs;
import dev.obs.tracing.support.ObservedServer;
import dev.obs.tracing.support.OtlpReceiver;
import dev.obs.tracing.support.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Spans of real requests, exported over OTLP/HTTP to a receiver that decodes real protobuf. */
class OtlpExportIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final Map<String, RequestContext> seenByHandler = new ConcurrentHashMap<>();
    private OtlpReceiver receiver;
    private ObservedServer server;
    private ObservedServer downstream;

    @AfterEach
    void stop() {
        Observability.resetForTesting();
        if (server != null) {
            server.close();
        }
        if (downstream != null) {
            downstream.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private Observability install(String... extra) throws Exception {
        receiver = OtlpReceiver.start();
        String[] base = {"OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(), "otel.bsp.schedule.delay", "100ms",
                "obs.traces.sample.ratio", "1"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        Observability obs = Obs.install(all);
        server = new ObservedServer();
        server.route("/orders", exchange -> {
            HttpRoute.set(exchange, "/orders/{id}");
            seenByHandler.put(RequestContext.current().requestId(), RequestContext.current());
            obs.trace("orders.load", () -> {
                seenByHandler.put("inner-" + RequestContext.current().requestId(), RequestContext.current());
            });
            ObservedServer.respond(exchange, 200, "ok");
        });
        server.route("/fail", exchange -> {
            obs.trace("orders.validate", () -> {
                throw new IllegalStateException("validation blew up");
            });
        });
        server.route("/slow", exchange -> {
            obs.trace("orders.slow", () -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            ObservedServer.respond(exchange, 200, "slow");
        });
        server.route("/healthy", exchange -> {
            obs.trace("orders.healthy", () -> { });
            ObservedServer.respond(exchange, 200, "fine");
        });
        return obs;
    }

    @Test
    void aRequestsSpansArriveWithNamesKindsParentageAndResource() throws Exception {
        install();
        HttpResponse<String> response = server.get("/orders/42", "X-Request-ID", "req-42", "User-Agent", "curl/8.5");
        assertThat(response.statusCode()).isEqualTo(200);

        List<ReceivedSpan> spans = receiver.await(s -> s.name().equals("GET /orders/{id}"), WAIT);
        ReceivedSpan serverSpan = find(spans, "GET /orders/{id}");
        ReceivedSpan inner = receiver.await(s -> s.name().equals("orders.load"), WAIT).stream()
                .filter(s -> s.name().equals("orders.load")).findFirst().orElseThrow();

        assertThat(serverSpan.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
        assertThat(serverSpan.parentSpanId()).isEmpty();
        assertThat(serverSpan.attribute("http.request.method")).isEqualTo("GET");
        assertThat(serverSpan.attribute("http.route")).isEqualTo("/orders/{id}");
        assertThat(serverSpan.attribute("url.path")).isEqualTo("/orders/42");
        assertThat(serverSpan.attribute("url.scheme")).isEqualTo("http");
        assertThat(serverSpan.attribute("server.port")).isEqualTo(Integer.toString(server.uri("/").getPort()));
        assertThat(serverSpan.attribute("network.protocol.version")).isEqualTo("1.1");
        assertThat(serverSpan.attribute("user_agent.original")).isEqualTo("curl/8.5");
        assertThat(serverSpan.attribute("http.response.status_code")).isEqualTo("200");
        assertThat(serverSpan.attribute("obs.request_id")).isEqualTo("req-42");
        assertThat(serverSpan.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);

        assertThat(inner.kind()).isEqualTo(SpanKind.SPAN_KIND_INTERNAL);
        assertThat(inner.traceId()).isEqualTo(serverSpan.traceId());
        assertThat(inner.parentSpanId()).isEqualTo(serverSpan.spanId());

        assertThat(serverSpan.resourceAttribute("service.name")).isEqualTo("orders");
        assertThat(serverSpan.resourceAttribute("service.version")).isEqualTo("1.4.2");
        assertThat(serverSpan.resourceAttribute("deployment.environment.name")).isEqualTo("test");
        assertThat(serverSpan.resourceAttribute("host.name")).isNotBlank();
        assertThat(serverSpan.resourceAttribute("process.pid")).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(serverSpan.resourceAttribute("telemetry.sdk.language")).isEqualTo("java");
        assertThat(serverSpan.contentEncoding()).isEqualTo("gzip");

        // what logs, metrics and errors see during the request is the span's identity
        RequestContext handler = seenByHandler.get("req-42");
        assertThat(handler.traceId()).isEqualTo(serverSpan.traceId());
        assertThat(handler.spanId()).isEqualTo(serverSpan.spanId());
        assertThat(handler.sampled()).isTrue();
        assertThat(seenByHandler.get("inner-req-42").spanId()).isEqualTo(inner.spanId());
    }

    @Test
    void aCallersTraceIsContinuedAndAMalformedTraceparentStartsANewOne() throws Exception {
        install("obs.traces.sample.ratio", "0", "obs.traces.keep.errors", "false", "obs.traces.keep.slower.than", "0");
        String caller = "4bf92f3577b34da6a3ce929d0e0e4736";
        assertThat(server.get("/orders/1", "X-Request-ID", "continued",
                "traceparent", "00-" + caller + "-00f067aa0ba902b7-01", "tracestate", "vendor=abc").statusCode()).isEqualTo(200);
        assertThat(server.get("/orders/2", "X-Request-ID", "malformed",
                "traceparent", "00-" + caller.toUpperCase() + "-zz-01").statusCode()).isEqualTo(200);

        ReceivedSpan continued = receiver.await(s -> s.traceId().equals(caller) && s.kind() == SpanKind.SPAN_KIND_SERVER, WAIT)
                .stream().filter(s -> s.traceId().equals(caller) && s.kind() == SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow();
        assertThat(continued.parentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(continued.span().getTraceState()).isEqualTo("vendor=abc");
        assertThat(seenByHandler.get("continued").traceId()).isEqualTo(caller);
        assertThat(seenByHandler.get("continued").sampled()).as("the caller sampled it, ratio 0 notwithstanding").isTrue();

        RequestContext malformed = seenByHandler.get("malformed");
        assertThat(malformed.traceId()).isNotEqualTo(caller).hasSize(32);
        assertThat(malformed.sampled()).as("a new root at ratio 0").isFalse();
    }

    @Test
    void theTraceAndRequestIdCarryOnToTheNextServiceThroughTheHttpClientHelper() throws Exception {
        install();
        HttpClient http = TracedHttpClient.wrap(HttpClient.newHttpClient());
        downstream = new ObservedServer();
        downstream.route("/stock", exchange -> {
            seenByHandler.put("downstream", RequestContext.current());
            ObservedServer.respond(exchange, 200, "7");
        });
        server.route("/checkout", exchange -> {
            try {
                HttpResponse<String> stock = http.send(HttpRequest.newBuilder(downstream.uri("/stock")).build(),
                        HttpResponse.BodyHandlers.ofString());
                ObservedServer.respond(exchange, 200, stock.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.IOException(e);
            }
        });
        assertThat(server.get("/checkout", "X-Request-ID", "chk-1").body()).isEqualTo("7");

        List<ReceivedSpan> spans = receiver.await(s -> s.name().equals("GET /stock"), WAIT);
        spans = receiver.await(s -> s.name().equals("GET /checkout"), WAIT);
        ReceivedSpan front = find(spans, "GET /checkout");
        ReceivedSpan client = spans.stream().filter(s -> s.kind() == SpanKind.SPAN_KIND_CLIENT).findFirst().orElseThrow();
        ReceivedSpan back = find(spans, "GET /stock");

        assertThat(client.name()).isEqualTo("GET");
        assertThat(client.parentSpanId()).isEqualTo(front.spanId());
        assertThat(client.attribute("server.address")).isEqualTo("127.0.0.1");
        assertThat(client.attribute("http.response.status_code")).isEqualTo("200");
        assertThat(client.attribute("url.full")).isEqualTo(downstream.uri("/stock").toString());
        assertThat(back.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
        assertThat(back.traceId()).isEqualTo(front.traceId());
        assertThat(back.parentSpanId()).isEqualTo(client.spanId());
        assertThat(seenByHandler.get("downstream").requestId()).isEqualTo("chk-1");
        assertThat(back.attribute("obs.request_id")).isEqualTo("chk-1");
    }

    @Test
    void atRatioZeroAFailingRequestsSpansArriveAndAHealthyOnesDoNot() throws Exception {
        install("obs.traces.sample.ratio", "0", "obs.traces.keep.errors", "true", "obs.traces.keep.slower.than", "250ms");
        assertThat(server.get("/healthy").statusCode()).isEqualTo(200);
        assertThat(server.get("/fail").statusCode()).isEqualTo(500);
        assertThat(server.get("/slow").statusCode()).isEqualTo(200);

        receiver.await(s -> s.name().equals("GET /fail"), WAIT);
        List<ReceivedSpan> spans = receiver.await(s -> s.name().equals("GET /slow"), WAIT);
        Observability.resetForTesting(); // flushes whatever else there is
        spans = receiver.spans();

        assertThat(spans).extracting(ReceivedSpan::name).doesNotContain("GET /healthy", "orders.healthy");
        ReceivedSpan failed = find(spans, "GET /fail");
        ReceivedSpan validate = find(spans, "orders.validate");
        assertThat(failed.span().getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(failed.attribute("http.response.status_code")).isEqualTo("500");
        assertThat(validate.traceId()).isEqualTo(failed.traceId());
        assertThat(validate.parentSpanId()).isEqualTo(failed.spanId());
        assertThat(validate.span().getEventsList()).extracting(e -> e.getName()).containsExactly("exception");
        assertThat(failed.span().getEventsList()).as("recorded once, on the innermost span").isEmpty();
        assertThat(failed.span().getFlags() & 0xff).as("exported spans say sampled").isEqualTo(1);
        assertThat(validate.span().getFlags() & 0xff).isEqualTo(1);

        ReceivedSpan slow = find(spans, "GET /slow");
        assertThat(find(spans, "orders.slow").parentSpanId()).isEqualTo(slow.spanId());
    }

    @Test
    void secretsFromClientsAndFromTheApplicationAreRedactedInExportedSpans() throws Exception {
        Observability obs = install("obs.traces.attribute.value.length.limit", "256");
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        String stripe = "sk_live_" + "4eC39HqLyj".repeat(3);
        server.route("/user", exchange -> {
            io.opentelemetry.api.trace.Tracer tracer = ObsTracing.openTelemetry().getTracer("app");
            io.opentelemetry.api.trace.Span span = tracer.spanBuilder("charge " + stripe).startSpan();
            span.setAttribute("app.note", "token for jane@example.com is " + jwt);
            span.setAttribute("app.password", "hunter2");
            span.setAttribute("app.big", "x".repeat(1000));
            span.addEvent("paid", io.opentelemetry.api.common.Attributes.of(
                    io.opentelemetry.api.common.AttributeKey.stringKey("card"), "4111 1111 1111 1111"));
            span.end();
            ObservedServer.respond(exchange, 200, "ok");
        });
        server.get("/user/jane@example.com/" + jwt, "User-Agent", "agent/1 " + stripe + " " + "u".repeat(4000),
                "X-Request-ID", "req-user-1");
        HttpResponse<String> purge = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.uri("/orders/7")).method("PURGE", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(purge.statusCode()).isEqualTo(200);

        List<ReceivedSpan> spans = receiver.await(s -> s.name().equals("HTTP /orders/{id}"), WAIT);
        spans = receiver.await(s -> s.name().startsWith("charge "), WAIT);
        ReceivedSpan user = spans.stream().filter(s -> s.name().startsWith("charge ")).findFirst().orElseThrow();
        ReceivedSpan server = spans.stream().filter(s -> "req-user-1".equals(s.attribute("obs.request_id"))).findFirst().orElseThrow();
        ReceivedSpan other = find(spans, "HTTP /orders/{id}");

        assertThat(user.name()).isEqualTo("charge [REDACTED]");
        assertThat(user.attribute("app.note")).isEqualTo("token for [REDACTED] is [REDACTED]");
        assertThat(user.attribute("app.password")).isEqualTo("[REDACTED]");
        assertThat(user.attribute("app.big")).hasSize(256);
        assertThat(user.span().getEvents(0).getAttributes(0).getValue().getStringValue()).isEqualTo("[REDACTED]");
        assertThat(server.attribute("url.path")).isEqualTo("/user/[REDACTED]/[REDACTED]");
        assertThat(server.attribute("user_agent.original")).startsWith("agent/1 [REDACTED] uuu").hasSizeLessThanOrEqualTo(256);
        assertThat(other.attribute("http.request.method")).isEqualTo("_OTHER");
        assertThat(receiver.spans()).noneSatisfy(s -> assertThat(s.span().toString()).contains("PURGE"));
        assertThat(receiver.spans().toString()).doesNotContain(stripe).doesNotContain("hunter2").doesNotContain("jane@example.com")
                .doesNotContain("4111 1111").doesNotContain("eyJzdWIiOiIxMjM0NTY3ODkwIn0");
        // what the in-memory ring hands out is redacted the same way
        assertThat(ObsTracing.recentSpans().toString()).doesNotContain(stripe).doesNotContain("hunter2");
    }

    private static ReceivedSpan find(List<ReceivedSpan> spans, String name) {
        return spans.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans.stream().map(ReceivedSpan::name).toList()));
    }
}
