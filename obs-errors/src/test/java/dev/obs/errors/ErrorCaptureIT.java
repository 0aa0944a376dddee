package dev.obs.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import dev.obs.errors.support.Inventory;
import dev.obs.errors.support.LogPublishingModule;
import dev.obs.errors.support.ObservedServer;
import dev.obs.redact.Redactor;
import dev.obs.testing.IsolatedObs;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The capture points without a Sentry DSN: errors are counted and kept in memory, once each,
 * with the IDs of their request. Requests go through core's filter on a real JDK HTTP server.
 */
class ErrorCaptureIT {

    private static final String TRACEPARENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private Observability obs;
    private ObservedServer server;

    @BeforeEach
    void install() throws Exception {
        obs = IsolatedObs.builder()
                .serviceName("orders").set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1")
                .shutdownHook(false).install();
        server = new ObservedServer(obs);
    }

    @AfterEach
    void reset() {
        server.close();
        Observability.resetForTesting();
    }

    @Test
    void anExceptionEscapingAHandlerIsOneErrorWithTheRequestsIds() throws Exception {
        server.route("/orders", exchange -> {
            throw new IllegalStateException("database password=hunter2 unreachable");
        });

        HttpResponse<String> response = server.get("/orders/17",
                "traceparent", "00-" + TRACEPARENT_TRACE + "-00f067aa0ba902b7-01");

        assertThat(response.statusCode()).isEqualTo(500);
        CapturedError error = awaitRecent(1).get(0);
        assertThat(error.exceptionType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.message()).isEqualTo("database password=" + Redactor.MASK + " unreachable");
        assertThat(error.source()).isEqualTo(CapturedError.Source.HTTP_SERVER);
        assertThat(error.requestId()).isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
        assertThat(error.traceId()).isEqualTo(TRACEPARENT_TRACE);
        assertThat(error.httpMethod()).isEqualTo("GET");
        assertThat(error.httpRoute()).isEqualTo("/orders");
        assertThat(error.httpStatus()).isEqualTo(500);
        assertThat(error.eventId()).isNull(); // no DSN: nothing was sent
        assertThat(LogPublishingModule.metric("obs.errors", "type", "java.lang.IllegalStateException")).isEqualTo(1);
    }

    @Test
    void anExceptionEscapingATracedMethodAndThenTheHandlerIsOneError() throws Exception {
        Inventory inventory = obs.instrument(Inventory.class, Inventory.failingWith(new IllegalArgumentException("no such sku")));
        server.route("/reserve", exchange -> {
            LogPublishingModule.log("ERROR", "com.acme.Reserve", "reserve failed", null); // no throwable: a breadcrumb only
            inventory.reserve("sku-1");
        });

        server.get("/reserve");

        server.awaitServed(1); // the request's observation has ended: all it reports is in
        List<CapturedError> errors = ObsErrors.recent();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).exceptionType()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(errors.get(0).httpStatus()).isEqualTo(500);
        assertThat(LogPublishingModule.metric("obs.errors", "type", "java.lang.IllegalArgumentException")).isEqualTo(1);
    }

    @Test
    void anExceptionWrappedOnItsWayOutIsOneErrorOfTheOutermostType() throws Exception {
        Inventory inventory = obs.instrument(Inventory.class, Inventory.failingWith(new IllegalArgumentException("no such sku")));
        server.route("/reserve", exchange -> {
            try {
                inventory.reserve("sku-1");
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("reservation failed", e);
            }
        });

        server.get("/reserve");

        server.awaitServed(1);
        assertThat(ObsErrors.recent()).extracting(CapturedError::exceptionType).containsExactly("java.lang.IllegalStateException");
    }

    @Test
    void aTracedFailureTheHandlerAnswersIsReportedWithTheResponseStatus() throws Exception {
        Inventory inventory = obs.instrument(Inventory.class, Inventory.failingWith(new IllegalStateException("warehouse down")));
        server.route("/reserve", exchange -> {
            try {
                inventory.reserve("sku-1");
            } catch (IllegalStateException e) {
                ObservedServer.respond(exchange, 503, "try later");
            }
        });

        HttpResponse<String> response = server.get("/reserve");

        assertThat(response.statusCode()).isEqualTo(503);
        CapturedError error = awaitRecent(1).get(0);
        assertThat(error.source()).isEqualTo(CapturedError.Source.TRACED_METHOD);
        assertThat(error.httpStatus()).isEqualTo(503);
        assertThat(error.requestId()).isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
    }

    @Test
    void anErrorLoggedAndThenThrownIsOneError() throws Exception {
        server.route("/pay", exchange -> {
            IllegalStateException failure = new IllegalStateException("card declined");
            LogPublishingModule.log("ERROR", "com.acme.Payments", "payment failed", failure);
            throw failure;
        });

        server.get("/pay");

        server.awaitServed(1);
        assertThat(ObsErrors.recent()).hasSize(1);
    }

    @Test
    @SuppressWarnings("try") // the scope only needs to be open
    void errorLogLinesWithAThrowableAreCapturedOutsideRequests() {
        RuntimeException failure = new RuntimeException("nightly import failed for bob@example.com");
        try (ContextScope scope = RequestContext.newRequest("job-42").makeCurrent()) {
            LogPublishingModule.log("ERROR", "com.acme.Import", "import failed", failure);
            LogPublishingModule.log("WARN", "com.acme.Import", "retrying", failure); // only ERROR lines are errors
            LogPublishingModule.log("ERROR", "com.acme.Import", "import failed again", failure); // the same exception
        }

        assertThat(ObsErrors.recent()).singleElement().satisfies(error -> {
            assertThat(error.source()).isEqualTo(CapturedError.Source.LOG);
            assertThat(error.requestId()).isEqualTo("job-42");
            assertThat(error.message()).isEqualTo("nightly import failed for " + Redactor.MASK);
            assertThat(error.httpMethod()).isNull();
        });
    }

    @Test
    void nestedTracedBlocksOutsideRequestsReportTheirExceptionOnce() {
        IllegalStateException failure = new IllegalStateException("inner");
        try {
            obs.trace("outer", () -> obs.trace("inner", () -> {
                throw failure;
            }));
        } catch (IllegalStateException expected) {
            // the block rethrows
        }
        assertThat(ObsErrors.recent()).singleElement().satisfies(error ->
                assertThat(error.source()).isEqualTo(CapturedError.Source.TRACED_METHOD));
    }

    @Test
    void uncaughtExceptionsAreCapturedAndHandedToThePreviousHandler() throws Exception {
        Observability.resetForTesting();
        List<Throwable> seenByPrevious = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previous = (t, e) -> seenByPrevious.add(e);
        Thread.UncaughtExceptionHandler original = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(previous);
        try {
            obs = IsolatedObs.builder()
                    .set("obs.admin.enabled", "false").shutdownHook(false).install();
            IllegalStateException failure = new IllegalStateException("worker died");
            Thread worker = new Thread(() -> {
                throw failure;
            }, "worker");
            worker.start();
            worker.join();

            assertThat(ObsErrors.recent()).singleElement().satisfies(error -> {
                assertThat(error.source()).isEqualTo(CapturedError.Source.UNCAUGHT);
                assertThat(error.message()).isEqualTo("worker died");
            });
            assertThat(seenByPrevious).containsExactly(failure);

            Observability.resetForTesting();
            assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(previous);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(original);
        }
    }

    @Test
    void capturedManuallyInsideARequestWaitsForItsStatus() throws Exception {
        server.route("/manual", exchange -> {
            ObsErrors.capture(new UnsupportedOperationException("legacy path"));
            ObservedServer.respond(exchange, 422, "no");
        });

        server.get("/manual");

        CapturedError error = awaitRecent(1).get(0);
        assertThat(error.source()).isEqualTo(CapturedError.Source.MANUAL);
        assertThat(error.httpStatus()).isEqualTo(422);
    }

    private static List<CapturedError> awaitRecent(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (ObsErrors.recent().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(ObsErrors.recent()).hasSizeGreaterThanOrEqualTo(count);
        return ObsErrors.recent();
    }
}
