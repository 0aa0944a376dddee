package dev.obs.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.http.HttpRoute;
import dev.obs.tracing.support.Obs;
import dev.obs.tracing.support.ObservedServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server span of a request that head sampling said no to, kept because it failed or was slow,
 * carries what the same request's span carries when it is sampled: the same attributes (its
 * attributes wait in the keep buffer and are given to it only when it is kept), name, status and
 * counts, under the same span limits.
 */
class KeptServerSpanTest {

    private ObservedServer server;

    @AfterEach
    void stop() {
        Observability.resetForTesting();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aKeptFailedRequestsServerSpanHasEveryAttributeASampledOneHas() throws Exception {
        SpanData sampled = serverSpanOf("/fail/7", "1", "obs.traces.keep.errors", "true");
        SpanData kept = serverSpanOf("/fail/7", "0", "obs.traces.keep.errors", "true");

        assertThat(kept.getSpanContext().isSampled()).as("exported spans say sampled").isTrue();
        assertThat(kept.getName()).isEqualTo(sampled.getName()).isEqualTo("GET /fail/{id}");
        assertThat(kept.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(kept.getStatus()).isEqualTo(sampled.getStatus());
        assertThat(withoutPort(kept)).isEqualTo(withoutPort(sampled));
        assertThat(withoutPort(kept)).containsKeys("http.request.method", "http.route", "url.path", "url.scheme",
                "network.protocol.version", "user_agent.original", "obs.request_id", "http.response.status_code",
                "error.type", "app.tenant");
        assertThat(withoutPort(kept)).containsEntry("http.route", "/fail/{id}").containsEntry("app.tenant", "t-1")
                .containsEntry("http.response.status_code", 500L).containsEntry("obs.request_id", "req-kept-1");
        assertThat(kept.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo((long) server.uri("/").getPort());
        assertThat(kept.getTotalAttributeCount()).as("attributes set, overwritten ones included")
                .isEqualTo(sampled.getTotalAttributeCount());
        assertThat(kept.getEvents()).hasSameSizeAs(sampled.getEvents());
    }

    @Test
    void aKeptSpansAttributesAreCutAtTheLengthLimitAsASampledOnesAre() throws Exception {
        String longPath = "/fail/" + "p".repeat(100);
        SpanData sampled = serverSpanOf(longPath, "1", "obs.traces.attribute.value.length.limit", "32");
        SpanData kept = serverSpanOf(longPath, "0", "obs.traces.attribute.value.length.limit", "32");

        assertThat(kept.getAttributes().get(AttributeKey.stringKey("url.path"))).hasSize(32)
                .isEqualTo(sampled.getAttributes().get(AttributeKey.stringKey("url.path")));
        assertThat(withoutPort(kept)).isEqualTo(withoutPort(sampled));
    }

    /** Serves one failing request at {@code ratio} and returns its server span as obs recorded it. */
    private SpanData serverSpanOf(String path, String ratio, String... extra) throws Exception {
        Observability.resetForTesting();
        if (server != null) {
            server.close();
        }
        String[] settings = new String[extra.length + 2];
        settings[0] = "obs.traces.sample.ratio";
        settings[1] = ratio;
        System.arraycopy(extra, 0, settings, 2, extra.length);
        Obs.install(settings);
        server = new ObservedServer();
        server.route("/fail", exchange -> {
            HttpRoute.set(exchange, "/fail/{id}"); // the route changes after the span started
            Span.current().setAttribute("app.tenant", "t-1");
            throw new IllegalStateException("it broke");
        });
        assertThat(server.get(path, "X-Request-ID", "req-kept-1", "User-Agent", "curl/8.5").statusCode()).isEqualTo(500);
        // The response leaves before the span ends (the filter ends the observation after it): wait for it.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<SpanData> spans = ObsTracing.recentSpans();
            for (SpanData span : spans) {
                if (span.getKind() == SpanKind.SERVER) {
                    return span;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no server span among " + spans);
            }
            Thread.sleep(10);
        }
    }

    private static Map<String, Object> withoutPort(SpanData span) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), value));
        attributes.remove("server.port"); // each run has a server of its own
        return attributes;
    }
}
