package dev.obs.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.context.RequestContext;
import dev.obs.tracing.support.Obs;
import dev.obs.tracing.support.ObservedServer;
import dev.obs.tracing.support.OtlpReceiver;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What close() (run by the shutdown hook on SIGTERM) does to requests the server is still completing. */
class ShutdownInFlightIT {

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    @Test
    void aRequestInFlightAtCloseIsExportedAndLaterRequestsNeverGetAnAllZeroTraceId() throws Exception {
        try (OtlpReceiver receiver = OtlpReceiver.start(); ObservedServer server = new ObservedServer()) {
            Observability obs = Obs.install("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
                    "obs.traces.sample.ratio", "1", "obs.traces.max.per.second", "0", "obs.shutdown.timeout", "6s",
                    // only the flush at close can deliver
                    "otel.bsp.schedule.delay", "10m");
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<String> traceIds = new CopyOnWriteArrayList<>();
            server.route("/slow", exchange -> {
                entered.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ObservedServer.respond(exchange, 200, "ok");
            });
            server.route("/late", exchange -> {
                traceIds.add(RequestContext.current().traceId());
                ObservedServer.respond(exchange, 200, "ok");
            });

            CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.get("/slow/1");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(obs::close); // as the shutdown hook would
            Thread.sleep(100);
            release.countDown();
            assertThat(slow.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            closing.get(20, TimeUnit.SECONDS);

            assertThat(receiver.await(s -> s.name().equals("GET /slow"), Duration.ofSeconds(10)))
                    .as("the span of the request completed during close").isNotEmpty();

            assertThat(server.get("/late").statusCode()).isEqualTo(200);
            assertThat(traceIds).singleElement().satisfies(id ->
                    assertThat(id).as("trace ID of a request served after close").isNotNull().matches("[0-9a-f]{32}")
                            .isNotEqualTo("0".repeat(32)));
        }
    }
}
