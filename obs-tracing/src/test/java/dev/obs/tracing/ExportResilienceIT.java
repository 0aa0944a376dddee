package dev.obs.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.tracing.support.Obs;
import dev.obs.tracing.support.ObservedServer;
import dev.obs.tracing.support.OtlpReceiver;
import dev.obs.tracing.support.ProbeModule;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A backend that is down costs the service nothing but counted drops, and export resumes when it is back. */
class ExportResilienceIT {

    private ObservedServer server;
    private OtlpReceiver receiver;

    @AfterEach
    void stop() {
        Observability.resetForTesting();
        if (server != null) {
            server.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void requestsAreNotSlowedWhileTheReceiverIsDownAndSpansArriveOnceItIsUp() throws Exception {
        int port = OtlpReceiver.freePort();
        Observability obs = Obs.install("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + port,
                "obs.traces.sample.ratio", "1", "obs.traces.max.per.second", "0",
                "otel.exporter.otlp.timeout", "1s", "otel.bsp.schedule.delay", "50ms", "otel.bsp.max.queue.size", "64",
                "obs.shutdown.timeout", "2s");
        server = new ObservedServer().route("/orders", exchange -> {
            obs.trace("orders.load", () -> { });
            ObservedServer.respond(exchange, 200, "ok");
        });

        timeRequests(200); // warm up
        long[] whileDown = timeRequests(400);
        // each failed export gives up after retrying with backoff for otel.exporter.otlp.timeout
        awaitPositive("obs.spans.dropped", "reason", "export_failed");

        receiver = OtlpReceiver.start(port);
        long upAt = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (receiver.spans().isEmpty() && System.nanoTime() < deadline) {
            server.get("/orders/1");
            Thread.sleep(50);
        }
        assertThat(receiver.spans()).as("spans arrive once the receiver is up").isNotEmpty();
        System.err.println("first span arrived " + (System.nanoTime() - upAt) / 1_000_000 + " ms after the receiver came up");

        long[] whileUp = timeRequests(400);
        long medianDown = median(whileDown);
        long medianUp = median(whileUp);
        System.err.println("median request time: receiver down " + medianDown / 1000 + " µs, up " + medianUp / 1000 + " µs");
        assertThat(medianDown)
                .as("median request time with the receiver down (%d µs) against up (%d µs)", medianDown / 1000, medianUp / 1000)
                .isLessThan(medianUp * 3 + Duration.ofMillis(2).toNanos());
    }

    @Test
    void aBackendThatNeverAnswersFillsTheQueueAndSpansAreDroppedNotWaitedFor() throws Exception {
        // Accepts connections (the kernel's backlog does) and never answers.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Observability obs = Obs.install("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + silent.getLocalPort(),
                    "obs.traces.sample.ratio", "1", "obs.traces.max.per.second", "0",
                    "otel.exporter.otlp.timeout", "2s", "otel.bsp.schedule.delay", "50ms", "otel.bsp.max.queue.size", "32",
                    "obs.shutdown.timeout", "1s");
            server = new ObservedServer().route("/orders", exchange -> {
                obs.trace("orders.load", () -> { });
                ObservedServer.respond(exchange, 200, "ok");
            });
            long[] times = timeRequests(400);
            assertThat(ProbeModule.selfMetric("obs.spans.dropped", "reason", "queue_full")).isPositive();
            assertThat(median(times)).as("median request time with a silent backend").isLessThan(Duration.ofMillis(20).toNanos());
            long closing = System.nanoTime();
            Observability.resetForTesting();
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).as("close() gives up after obs.shutdown.timeout")
                    .isLessThan(Duration.ofSeconds(3));
        }
    }

    private static void awaitPositive(String name, String... tags) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProbeModule.selfMetric(name, tags) <= 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ProbeModule.selfMetric(name, tags)).as(name + " " + String.join("=", tags)).isPositive();
    }

    private long[] timeRequests(int n) throws Exception {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            assertThat(server.get("/orders/" + i).statusCode()).isEqualTo(200);
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
