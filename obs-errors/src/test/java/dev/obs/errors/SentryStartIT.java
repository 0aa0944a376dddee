package dev.obs.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import dev.obs.errors.support.DiesAtStartup;
import dev.obs.errors.support.HeldSentryStart;
import dev.obs.errors.support.LogPublishingModule;
import dev.obs.errors.support.ObservedServer;
import dev.obs.errors.support.SentryReceiver;
import dev.obs.http.HttpRoute;
import dev.obs.testing.IsolatedObs;
import io.sentry.Sentry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sentry starts in the background, after {@code install()} returned: what is captured before it is
 * ready reaches the real receiver once it is, with the IDs of the moment it was captured; a
 * {@code close()} right after {@code install()} still delivers it; and a start that never ends
 * costs {@code close()} no more than its timeout. The start is held back by holding Sentry's own
 * init lock, so "before Sentry is ready" is certain, not a race the test hopes to win.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // were Sentry's start back on install()'s thread, install() would wait for the held lock
class SentryStartIT {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";

    private SentryReceiver receiver;
    private HeldSentryStart held;
    private Observability obs;
    private ObservedServer server;

    @BeforeEach
    void start() throws Exception {
        receiver = new SentryReceiver();
        held = new HeldSentryStart();
    }

    @AfterEach
    void stop() throws Exception {
        held.close();
        awaitSentryStartEnded();
        if (server != null) {
            server.close();
        }
        Observability.resetForTesting();
        receiver.close();
    }

    private void install(String... settings) throws Exception {
        Observability.Builder builder = IsolatedObs.builder()
                .serviceName("orders").set("obs.env", "staging").set("sentry.dsn", receiver.dsn())
                .set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1").shutdownHook(false);
        for (int i = 0; i < settings.length; i += 2) {
            builder.set(settings[i], settings[i + 1]);
        }
        obs = builder.install();
        server = new ObservedServer(obs);
    }

    @Test
    @SuppressWarnings("try") // the scopes only need to be open
    void errorsCapturedBeforeSentryIsReadyAreSentOnceItIsWithTheirIds() throws Exception {
        install();
        server.route("/orders", exchange -> {
            HttpRoute.set(exchange, "/orders/{id}");
            throw new IllegalStateException("warehouse unreachable");
        });

        HttpResponse<String> response = server.get("/orders/17", "traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-01");
        assertThat(response.statusCode()).isEqualTo(500);
        String httpRequestId = response.headers().firstValue("X-Request-ID").orElseThrow();
        try (ContextScope scope = RequestContext.newRequest("manual-1").withTrace(TRACE_ID, SPAN_ID, true).makeCurrent()) {
            ObsErrors.capture(new IllegalArgumentException("handled by the application"));
        }
        try (ContextScope scope = RequestContext.newRequest("logged-1").makeCurrent()) {
            LogPublishingModule.log("ERROR", "com.acme.Billing", "invoice failed", new ArithmeticException("rounding"));
        }
        Thread worker = new Thread(() -> {
            throw new UnsupportedOperationException("worker died");
        }, "worker");
        worker.start();
        worker.join();

        // The server reports a request's error just after its response is written: wait for it.
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (ObsErrors.recent().size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(ObsErrors.recent()).hasSize(4).allSatisfy(error -> assertThat(error.eventId()).isNotNull());
        assertThat(receiver.events()).as("sent while Sentry's start is held").isEmpty();

        held.release();
        List<SentryReceiver.Item> events = receiver.awaitEvents(4, 30_000);
        assertThat(events).hasSize(4);
        Map<String, Map<String, Object>> byType = new HashMap<>();
        for (SentryReceiver.Item event : events) {
            byType.put(exceptionType(event.json()), event.json());
        }
        assertThat(tags(byType.get("IllegalStateException"))).containsEntry("request_id", httpRequestId)
                .containsEntry("trace_id", TRACE_ID)
                .containsEntry("http.route", "/orders/{id}").containsEntry("http.response.status_code", "500")
                .containsEntry("service", "orders").containsEntry("env", "staging");
        assertThat(tags(byType.get("IllegalArgumentException"))).containsEntry("request_id", "manual-1")
                .containsEntry("trace_id", TRACE_ID).containsEntry("span_id", SPAN_ID).containsEntry("capture", "obs.manual");
        assertThat(tags(byType.get("ArithmeticException"))).containsEntry("request_id", "logged-1").containsEntry("capture", "obs.log");
        assertThat(byType.get("ArithmeticException")).containsEntry("logger", "com.acme.Billing");
        assertThat(byType.get("UnsupportedOperationException")).containsEntry("level", "fatal");
        // The IDs kept in memory at capture time are those Sentry received.
        assertThat(ObsErrors.recent()).extracting(CapturedError::eventId)
                .containsExactlyInAnyOrderElementsOf(events.stream().map(e -> (String) e.json().get("event_id")).toList());

        // Once ready, a request gets its own Sentry scopes again and its error goes straight to Sentry.
        server.get("/orders/18");
        assertThat(receiver.awaitEvents(5, 30_000)).hasSize(5);
        obs.close();
        assertThat(receiver.failures()).isEmpty();
        assertThat(LogPublishingModule.metrics("obs.errors.dropped")).allSatisfy(m -> assertThat(m.value()).isZero());
    }

    @Test
    void whatARequestSetThroughSentrysApiWhileSentryStartedNeverReachesTheNextRequestOnItsThread() throws Exception {
        install();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Thread> slowThread = new AtomicReference<>();
        Set<Thread> failThreads = ConcurrentHashMap.newKeySet();
        server.route("/slow", exchange -> {
            slowThread.set(Thread.currentThread());
            entered.countDown();
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Sentry.setExtra("slow-extra", "set-by-the-slow-request");
            Sentry.addBreadcrumb("breadcrumb-of-the-slow-request");
            ObservedServer.respond(exchange, 200, "ok");
        });
        server.route("/fail", exchange -> {
            failThreads.add(Thread.currentThread());
            throw new IllegalStateException("failed after Sentry started");
        });

        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return server.get("/slow");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue(); // began before Sentry was ready
        held.release();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Sentry.isEnabled() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(Sentry.isEnabled()).isTrue();
        go.countDown(); // the slow request now writes into Sentry's scopes of its thread
        assertThat(slow.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

        int failed = 0;
        while (!failThreads.contains(slowThread.get()) && failed < 200) {
            assertThat(server.get("/fail").statusCode()).isEqualTo(500);
            failed++;
        }
        assertThat(failThreads).as("a failing request ran on the slow request's thread").contains(slowThread.get());
        List<SentryReceiver.Item> events = receiver.awaitEvents(failed, 30_000);
        assertThat(events).hasSize(failed);
        for (SentryReceiver.Item event : events) {
            assertThat(event.json().toString()).doesNotContain("set-by-the-slow-request").doesNotContain("breadcrumb-of-the-slow-request");
        }
    }

    @Test
    @SuppressWarnings("try")
    void closeRightAfterInstallWaitsForSentryAndDeliversWhatWaits() throws Exception {
        install("obs.shutdown.timeout", "20s");
        try (ContextScope scope = RequestContext.newRequest("last-words").makeCurrent()) {
            ObsErrors.capture(new IllegalStateException("captured just before close"));
        }
        held.releaseAfter(300); // Sentry's start ends while close() waits for it

        obs.close();

        List<SentryReceiver.Item> events = receiver.events();
        assertThat(events).hasSize(1);
        assertThat(tags(events.get(0).json())).containsEntry("request_id", "last-words");
    }

    @Test
    void anUncaughtExceptionRightAfterInstallIsDeliveredByTheShutdownHook() throws Exception {
        held.release(); // another JVM: nothing of this one holds it back
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DiesAtStartup.class.getName(), receiver.dsn())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the failing service exited").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).isEqualTo(1); // what an uncaught exception in main gives

        List<SentryReceiver.Item> events = receiver.events();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).json()).containsEntry("level", "fatal");
        assertThat(exceptionValue(events.get(0).json())).isEqualTo("configuration table missing");
        assertThat(tags(events.get(0).json())).containsEntry("service", "dies").containsEntry("capture", "UncaughtExceptionHandler");
    }

    @Test
    void errorsBeyondTheQueueWhileSentryStartsAreDroppedAndCounted() throws Exception {
        install("obs.errors.queue.size", "2");
        for (int i = 0; i < 5; i++) {
            ObsErrors.capture(new IllegalStateException("failure " + i));
        }
        assertThat(ObsErrors.recent()).hasSize(5);
        assertThat(LogPublishingModule.metric("obs.errors.dropped", "reason", "queue_overflow")).isEqualTo(3);

        held.release();
        assertThat(receiver.awaitEvents(2, 30_000)).hasSize(2);
        obs.close();
        assertThat(receiver.events()).extracting(e -> exceptionValue(e.json())).containsExactly("failure 0", "failure 1");
    }

    @Test
    void aSentryThatDoesNotStartCostsCloseNoMoreThanItsTimeoutAndTheLossIsCounted() throws Exception {
        install("obs.shutdown.timeout", "1s");
        ObsErrors.capture(new IllegalStateException("never sent"));

        long started = System.nanoTime();
        obs.close();
        long closeMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(closeMillis).as("close() while Sentry's start hangs, ms").isLessThan(5_000);
        assertThat(LogPublishingModule.metric("obs.errors.dropped", "reason", "queue_overflow")).isEqualTo(1);
        held.release();
        awaitSentryStartEnded(); // it closes Sentry itself once its start ends
        assertThat(receiver.events()).isEmpty();
    }

    private static void awaitSentryStartEnded() throws InterruptedException {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("obs-sentry-start")) {
                thread.join(30_000);
                assertThat(thread.isAlive()).as("Sentry's start thread ended").isFalse();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static String exceptionType(Map<String, Object> event) {
        List<Object> values = (List<Object>) ((Map<String, Object>) event.get("exception")).get("values");
        return (String) ((Map<String, Object>) values.get(values.size() - 1)).get("type");
    }

    @SuppressWarnings("unchecked")
    private static String exceptionValue(Map<String, Object> event) {
        List<Object> values = (List<Object>) ((Map<String, Object>) event.get("exception")).get("values");
        return (String) ((Map<String, Object>) values.get(values.size() - 1)).get("value");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tags(Map<String, Object> event) {
        assertThat(event).containsKey("tags");
        return (Map<String, Object>) event.get("tags");
    }
}
