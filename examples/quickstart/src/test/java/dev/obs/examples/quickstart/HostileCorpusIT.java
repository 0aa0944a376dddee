package dev.obs.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.obs.Observability;
import dev.obs.errors.support.SentryReceiver;
import dev.obs.tracing.ObsTracing;
import dev.obs.tracing.support.OtlpReceiver;
import dev.obs.tracing.support.OtlpReceiver.ReceivedSpan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.sentry.Sentry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Secrets and personal data of many shapes, sent through every channel a service takes text from
 * (path, query, User-Agent, X-Request-ID, log messages, arguments, MDC and key-values, exception
 * messages, span attributes and events set through the OpenTelemetry API, Sentry breadcrumbs,
 * metric tags), must reach no sink (JSON lines on stdout, OTLP spans decoded by a receiver, Sentry
 * envelopes parsed by a receiver, {@code /metrics}), and obs's own IDs must come out whole and the
 * same in every sink. Each shape is named by a needle: a part of it that must not appear anywhere.
 */
class HostileCorpusIT {

    private static final Logger LOG = LoggerFactory.getLogger("com.acme.Hostile");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {shape, value, needle}. Assembled at run time so that no real-looking key sits in the source. */
    static List<String[]> shapes() {
        List<String[]> s = new ArrayList<>();
        s.add(new String[] {"aws access key", "AKIA" + "QWERTYUIOPASDFGH", "QWERTYUIOPASDFGH"});
        s.add(new String[] {"github pat", "ghp_" + "Hq7Kz2".repeat(6), "Hq7Kz2Hq7Kz2"});
        s.add(new String[] {"github fine-grained", "github_pat_11AB" + "Zq9_".repeat(10), "Zq9_Zq9_Zq9_"});
        s.add(new String[] {"gitlab pat", "glpat-" + "Vb4-Xn8_".repeat(3), "Vb4-Xn8_Vb4"});
        s.add(new String[] {"slack bot", "xoxb-" + "2048-4096-" + "PqRs".repeat(6), "PqRsPqRsPqRs"});
        s.add(new String[] {"slack webhook", "https://hooks.slack.com/services/T0AB/B0CD/" + "Wy3h".repeat(6), "Wy3hWy3hWy3h"});
        s.add(new String[] {"stripe live", "sk_live_" + "Mn5Lp0".repeat(4), "Mn5Lp0Mn5Lp0"});
        s.add(new String[] {"npm", "npm_" + "Tg6Yh7Uj8".repeat(4), "Tg6Yh7Uj8Tg6"});
        s.add(new String[] {"pypi", "pypi-AgEIcHlwaS5vcmc" + "Ck2Dl3".repeat(10), "Ck2Dl3Ck2Dl3"});
        s.add(new String[] {"openai", "sk-proj-" + "Ee4Ff5Gg6".repeat(5), "Ee4Ff5Gg6Ee4"});
        s.add(new String[] {"anthropic", "sk-ant-api03-" + "Rr7Ss8Tt9".repeat(10) + "AA", "Rr7Ss8Tt9Rr7"});
        s.add(new String[] {"google api key", "AIza" + "Uu1Vv2Ww3Xx4Yy5Zz6Aa7Bb8Cc9Dd0Ee1Ff", "Uu1Vv2Ww3Xx4"});
        s.add(new String[] {"jwt", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJob3N0aWxlLWNvcnB1cyJ9.Kx2Jq8Lm4Np6Rt0Vw3Yz5Ab7Cd9Ef1Gh3Ij5Kl7Mn9",
            "eyJzdWIiOiJob3N0aWxlLWNvcnB1cyJ9"});
        s.add(new String[] {"rsa private key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEpQIBAAKCAQEAzQ9" + "h0st1leKeyB0dy".repeat(4)
            + "\n-----END RSA PRIVATE KEY-----", "h0st1leKeyB0dy"});
        s.add(new String[] {"url password", "postgres://app:Pw9Qx7Zr5@db.internal:5432/orders", "Pw9Qx7Zr5"});
        s.add(new String[] {"password pair", "password=Hunter2Hunter2", "Hunter2Hunter2"});
        s.add(new String[] {"bearer", "Authorization: Bearer Bt5Cy6Dz7Ea8Fb9", "Bt5Cy6Dz7Ea8Fb9"});
        s.add(new String[] {"iban", "DE89 3704 0044 0532 0130 00", "0532 0130"});
        s.add(new String[] {"ssn", "078-05-1120", "078-05-1120"});
        s.add(new String[] {"phone", "+44 20 7946 0958", "7946 0958"});
        s.add(new String[] {"e-mail", "hostile.person@example.org", "hostile.person"});
        s.add(new String[] {"card", "4111 1111 1111 1111", "4111 1111 1111 1111"});
        s.add(new String[] {"card compact", "5555555555554444", "5555555555554444"});
        return s;
    }

    @Test
    void noShapeThroughAnyChannelReachesAnySinkAndObsIdsStayWhole() throws Exception {
        PrintStream originalOut = System.out;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        OtlpReceiver otlp = OtlpReceiver.start();
        SentryReceiver sentry = new SentryReceiver();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String[]> shapes = shapes();
        Map<String, String> idByShape = new LinkedHashMap<>();
        String metrics;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            Observability obs = Observability.builder().environment(Map.of()).systemProperties(new Properties())
                    .serviceName("hostile").set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1")
                    .set("obs.traces.sample.ratio", "1").set("obs.traces.max.per.second", "0")
                    .set("obs.traces.endpoint", otlp.endpoint()).set("otel.bsp.schedule.delay", "100ms")
                    .set("sentry.dsn", sentry.dsn()).shutdownHook(false).install();
            com.sun.net.httpserver.HttpContext context = server.createContext("/h", exchange -> {
                String query = exchange.getRequestURI().getRawQuery();
                String secret = shapes.get(Integer.parseInt(query.substring(2, query.indexOf('&'))))[1];
                MDC.put("note", "customer said " + secret);
                try {
                    LOG.info("query was {}", exchange.getRequestURI().getQuery());
                    LOG.atWarn().addKeyValue("detail", secret).log("handling {} for {}", "payment", secret);
                    Span span = ObsTracing.openTelemetry().getTracer("app").spanBuilder("app.step " + secret).startSpan();
                    span.setAttribute("app.input", secret);
                    span.addEvent("seen", Attributes.of(AttributeKey.stringKey("value"), secret));
                    span.end();
                    Sentry.addBreadcrumb("crumb " + secret);
                    Counter.builder("app.hostile").tag("input", secret).register(Metrics.globalRegistry).increment();
                    throw new IllegalStateException("could not charge " + secret);
                } finally {
                    MDC.remove("note");
                }
            });
            context.getFilters().add(obs.httpServerFilter());
            server.start();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            for (int i = 0; i < shapes.size(); i++) {
                String value = shapes.get(i)[1];
                String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                        + "/h/" + encoded + "?i=" + i + "&q=" + encoded)).timeout(Duration.ofSeconds(20));
                if (!value.contains("\n")) {
                    request.header("User-Agent", "agent " + value).header("X-Request-ID", value.replace(' ', '-'));
                }
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(500);
                idByShape.put(shapes.get(i)[0], response.headers().firstValue("X-Request-ID").orElseThrow());
            }
            HttpResponse<String> scrape = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + obs.adminPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            metrics = scrape.body();
            sentry.awaitEvents(shapes.size(), 20_000);
            otlp.await(s -> s.name().startsWith("app.step"), Duration.ofSeconds(20));
            obs.close(); // flushes logs, spans and events
        } finally {
            System.setOut(originalOut);
            server.stop(0);
            Observability.resetForTesting();
        }
        List<ReceivedSpan> spans = otlp.spans();
        String spansText = spans.toString();
        List<SentryReceiver.Envelope> envelopes = sentry.envelopes();
        String sentryText = String.join("\n", envelopes.stream().map(SentryReceiver.Envelope::body).toList());
        String logText = stdout.toString(StandardCharsets.UTF_8);
        otlp.close();
        sentry.close();

        Map<String, String> sinks = Map.of("stdout", logText, "otlp spans", spansText, "sentry envelopes", sentryText, "/metrics", metrics);
        TreeSet<String> leaks = new TreeSet<>();
        for (String[] shape : shapes) {
            sinks.forEach((sink, text) -> {
                int at = text.indexOf(shape[2]);
                if (at >= 0) {
                    leaks.add(shape[0] + " -> " + sink + ": ..." + text.substring(Math.max(0, at - 150), Math.min(text.length(), at + 50))
                            .replace('\n', ' ') + "...");
                }
            });
        }
        System.out.println("hostile corpus: " + shapes.size() + " shapes, leaks " + leaks.size() + " " + leaks);
        assertThat(leaks).as("shape -> sink").isEmpty();

        // obs's IDs: one request ID per request, the same in the response, the log lines, the span and the event
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logText.split("\n")) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        List<Map<String, Object>> events = new ArrayList<>();
        for (SentryReceiver.Envelope envelope : envelopes) {
            for (SentryReceiver.Item item : envelope.items()) {
                if ("event".equals(item.type())) {
                    events.add(item.json());
                }
            }
        }
        for (Map.Entry<String, String> entry : idByShape.entrySet()) {
            String id = entry.getValue();
            assertThat(id).as(entry.getKey()).matches("[0-9a-f]{32}");
            ReceivedSpan serverSpan = spans.stream().filter(s -> id.equals(s.attribute("obs.request_id"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no span with request ID " + id + " (" + entry.getKey() + ")"));
            List<JsonNode> ofRequest = lines.stream().filter(l -> id.equals(l.path("request_id").asText())).toList();
            assertThat(ofRequest).as("log lines of %s", entry.getKey()).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(l -> assertThat(l.path("trace_id").asText()).isEqualTo(serverSpan.traceId()))
                    .allSatisfy(l -> assertThat(l.path("span_id").asText()).matches("[0-9a-f]{16}"));
            assertThat(events).as("event of %s", entry.getKey()).anySatisfy(e -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> tags = (Map<String, Object>) e.get("tags");
                assertThat(tags).containsEntry("request_id", id).containsEntry("trace_id", serverSpan.traceId());
            });
        }
    }
}
