package dev.obs.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.errors.support.LogPublishingModule;
import dev.obs.errors.support.ObservedServer;
import dev.obs.errors.support.SentryReceiver;
import dev.obs.spi.SelfMetric;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import dev.obs.testing.FaultLoad;
import dev.obs.testing.TeeStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sentry fails in every way it can while the service is under load with failing requests (each
 * one an error event): it answers 503, answers 429 with Retry-After, hangs, refuses connections,
 * and recovers after each. Every event is delivered or counted in {@code obs_errors_dropped_total},
 * every outage is reported when it starts and when it ends, and requests are not slowed beyond a
 * fixed margin of the same test's fault-free phase.
 */
class SentryBackendFaultIT {

    private static final long P99_MARGIN_NANOS = Duration.ofMillis(150).toNanos();
    private static final Duration PHASE = Duration.ofMillis(1500);

    private final List<SentryReceiver> receivers = new ArrayList<>();
    private ObservedServer server;
    private PrintStream originalErr;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        if (originalErr != null) {
            System.setErr(originalErr);
        }
        if (server != null) {
            server.close();
        }
        Observability.resetForTesting();
        receivers.forEach(SentryReceiver::close);
    }

    @Test
    void everyEventIsDeliveredOrCountedAndRequestsStayFastThroughEveryKindOfOutage() throws Exception {
        originalErr = System.err;
        System.setErr(new PrintStream(new TeeStream(originalErr, stderr), true, StandardCharsets.UTF_8));

        SentryReceiver receiver = new SentryReceiver();
        receivers.add(receiver);
        int port = receiver.port();
        Observability obs = Observability.builder().environment(Map.of("SENTRY_DSN", receiver.dsn()))
                .systemProperties(new Properties()).serviceName("orders").set("obs.admin.enabled", "false")
                .set("obs.shutdown.timeout", "2s").shutdownHook(false).install();
        server = new ObservedServer(obs)
                .route("/orders", exchange -> ObservedServer.respond(exchange, 200, "ok"))
                .route("/fail", exchange -> {
                    throw new IllegalStateException("order store unavailable: " + exchange.getRequestURI().getPath());
                });

        try (FaultLoad load = new FaultLoad(path -> server.get(path).statusCode())) {
            for (int warmUp = 0; warmUp < 3; warmUp++) {
                sleep(PHASE);
                load.phase();
            }
            sleep(PHASE);
            long baseP99 = FaultLoad.p99(load.phase());

            List<String> faults = List.of("503", "429 with Retry-After", "hang", "connection refused");
            List<Long> faultP99 = new ArrayList<>();
            for (int outage = 1; outage <= faults.size(); outage++) {
                String fault = faults.get(outage - 1);
                switch (fault) {
                    case "503" -> receiver.respondWith(503, null);
                    case "429 with Retry-After" -> receiver.respondWith(429, "1");
                    case "hang" -> receiver.hang();
                    default -> receiver.close();
                }
                sleep(PHASE);
                faultP99.add(FaultLoad.p99(load.phase()));
                int n = outage;
                if (!fault.equals("hang")) { // a hung send fails only when it is given up or released
                    awaitTrue(fault + ": the outage is reported", () -> count("failed (") >= n);
                }

                switch (fault) {
                    case "hang" -> receiver.release();
                    case "connection refused" -> {
                        receiver = new SentryReceiver(port);
                        receivers.add(receiver);
                    }
                    default -> { }
                }
                receiver.respondWith(200, null);
                awaitTrue(fault + ": the outage is reported", () -> count("failed (") >= n);
                int before = receiver.events().size();
                SentryReceiver up = receiver;
                awaitTrue(fault + ": delivery resumes", () -> up.events().size() > before && count("works again;") >= n);
                load.phase();
            }
            load.stop();

            long produced = load.failed(); // one error event per failing request
            awaitTrue("every event delivered or counted", () -> delivered() + dropped() == produced);
            assertThat(delivered() + dropped()).as("delivered %d + dropped %d %s", delivered(), dropped(), droppedByReason())
                    .isEqualTo(produced);
            System.err.println("fault test: " + load.completed() + " requests (" + produced + " failing), events delivered "
                    + delivered() + ", dropped " + dropped() + " " + droppedByReason() + "; p99 no fault " + baseP99 / 1000
                    + " µs, under faults " + faultP99.stream().map(p -> p / 1000 + " µs").toList());
            assertThat(dropped()).as("events dropped during the outages").isPositive();
            assertThat(delivered() + dropped()).isEqualTo(produced);
            for (int i = 0; i < faults.size(); i++) {
                assertThat(faultP99.get(i)).as("p99 under %s (%d µs) against no fault (%d µs)", faults.get(i),
                        faultP99.get(i) / 1000, baseP99 / 1000).isLessThanOrEqualTo(baseP99 + P99_MARGIN_NANOS);
            }
            String lines = String.join("\n", deliveryLines());
            assertThat(count("failed (")).as("outages reported:\n" + lines).isEqualTo(faults.size());
            assertThat(count("works again;")).as("recoveries reported:\n" + lines).isEqualTo(faults.size());
        }
    }

    private long delivered() {
        return receivers.stream().mapToLong(r -> r.events().size()).sum();
    }

    private static long dropped() {
        return (long) LogPublishingModule.metrics("obs.errors.dropped").stream().mapToDouble(SelfMetric::value).sum();
    }

    private static String droppedByReason() {
        return LogPublishingModule.metrics("obs.errors.dropped").stream()
                .filter(m -> m.value() > 0).map(m -> m.tags().get(1) + "=" + (long) m.value()).sorted().toList().toString();
    }

    private List<String> deliveryLines() {
        List<String> lines = new ArrayList<>();
        for (String line : stderr.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("obs: error event delivery to ")) {
                lines.add(line);
            }
        }
        return lines;
    }

    private int count(String phrase) {
        return (int) deliveryLines().stream().filter(line -> line.contains(phrase)).count();
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!what.startsWith("every event")) {
            assertThat(condition.getAsBoolean()).as(what).isTrue();
        }
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }
}
