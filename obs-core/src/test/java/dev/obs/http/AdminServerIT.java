package dev.obs.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.testing.IsolatedObs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin server over real loopback HTTP. */
class AdminServerIT {

    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    private static Observability install() {
        return IsolatedObs.builder()
                .set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1").shutdownHook(false).install();
    }

    private HttpResponse<String> get(Observability obs, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + obs.adminPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsUpAndReadyFollowsTheChecks() throws Exception {
        Observability obs = install();
        AtomicBoolean databaseUp = new AtomicBoolean(true);
        obs.addReadinessCheck("database", databaseUp::get);
        obs.addReadinessCheck("cache", () -> true);

        assertThat(get(obs, "/health").body()).isEqualTo("{\"status\":\"UP\"}");
        HttpResponse<String> ready = get(obs, "/ready");
        assertThat(ready.statusCode()).isEqualTo(200);

        databaseUp.set(false);
        ready = get(obs, "/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).isEqualTo("{\"status\":\"DOWN\",\"failing\":[\"database\"]}");
    }

    @Test
    void aCheckThatThrowsOrHangsIsUnhealthyAndLeaksNothing() throws Exception {
        Observability obs = install();
        obs.addReadinessCheck("broken", () -> {
            throw new IllegalStateException("jdbc:postgresql://db?password=hunter2");
        });
        obs.addReadinessCheck("slow", () -> {
            Thread.sleep(10_000);
            return true;
        });
        long start = System.nanoTime();
        HttpResponse<String> ready = get(obs, "/ready");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).isEqualTo("{\"status\":\"DOWN\",\"failing\":[\"broken\",\"slow\"]}");
        assertThat(millis).isLessThan(5_000);
    }

    @Test
    void modulesContributeRoutesAndUnknownPathsAre404() throws Exception {
        Observability obs = install();
        assertThat(get(obs, "/recording").body()).isEqualTo("recorded");
        assertThat(get(obs, "/env").statusCode()).isEqualTo(404);
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + obs.adminPort() + "/health"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void closeStopsTheAdminServer() throws Exception {
        Observability obs = install();
        int port = obs.adminPort();
        obs.close();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() ->
                client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()))).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aHangingCheckFailsOnlyItselfAndRepeatedProbesStartNoMoreThreads() throws Exception {
        Observability obs = install();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger hangingRuns = new java.util.concurrent.atomic.AtomicInteger();
        obs.addReadinessCheck("hangs", () -> {
            hangingRuns.incrementAndGet();
            // Ignores interrupts, as a blocked socket read would.
            while (true) {
                try {
                    if (release.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        return true;
                    }
                } catch (InterruptedException ignored) {
                    // keeps hanging
                }
            }
        });
        AtomicBoolean databaseUp = new AtomicBoolean(true);
        obs.addReadinessCheck("database", databaseUp::get);
        obs.addReadinessCheck("cache", () -> true);
        try {
            for (int probe = 0; probe < 8; probe++) {
                if (probe == 5) {
                    databaseUp.set(false); // the other checks keep telling the truth while one hangs
                }
                HttpResponse<String> ready = get(obs, "/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).as("probe " + probe).isEqualTo(probe < 5
                        ? "{\"status\":\"DOWN\",\"failing\":[\"hangs\"]}"
                        : "{\"status\":\"DOWN\",\"failing\":[\"database\",\"hangs\"]}");
            }
            long checkThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("obs-health-check")).count();
            assertThat(checkThreads).as("threads running readiness checks").isLessThanOrEqualTo(3);
            assertThat(hangingRuns.get()).as("runs of the hanging check started").isEqualTo(1);
        } finally {
            release.countDown();
        }
        databaseUp.set(true);
        long deadline = System.nanoTime() + 20_000_000_000L;
        HttpResponse<String> ready = get(obs, "/ready");
        while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            ready = get(obs, "/ready");
        }
        assertThat(ready.body()).as("once the hanging check returns").isEqualTo("{\"status\":\"UP\"}");
    }
}
