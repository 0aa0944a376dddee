package dev.obs.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.context.RequestContext;
import dev.obs.tracing.support.Obs;
import dev.obs.tracing.support.ObservedServer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Traces started outside any request have a per-second budget of their own. */
class BackgroundSamplingTest {

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    @Test
    void backgroundRootCallsDoNotUseUpTheRequestsBudget() throws Exception {
        Observability obs = Obs.install("obs.traces.sample.ratio", "1", "obs.traces.max.per.second", "500");
        try (ObservedServer server = new ObservedServer()) {
            server.route("/orders", exchange -> ObservedServer.respond(exchange, 200, "ok"));
            server.get("/orders"); // warm up the server and client outside the measured second
            ObsTracing.clearRecentSpans();

            assertThat(RequestContext.current()).isNull();
            for (int i = 0; i < 5_000; i++) {
                obs.trace("nightly.cleanup", () -> { });
            }
            for (int i = 0; i < 20; i++) {
                assertThat(server.get("/orders").statusCode()).isEqualTo(200);
            }

            // A server span ends just after its response is sent: wait for the last one.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (ObsTracing.recentSpans().stream().filter(s -> s.getKind() == SpanKind.SERVER).count() < 20
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            List<SpanData> spans = ObsTracing.recentSpans();
            long sampledRequests = spans.stream().filter(s -> s.getKind() == SpanKind.SERVER).count();
            long sampledBackground = spans.stream().filter(s -> s.getName().equals("nightly.cleanup")).count();
            assertThat(sampledRequests).as("requests sampled after 5,000 background calls").isEqualTo(20);
            assertThat(sampledBackground).as("background calls sampled, capped per second")
                    .isGreaterThan(0).isLessThan(5_000);
        }
    }
}
