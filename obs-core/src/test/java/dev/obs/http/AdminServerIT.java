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
    void pathsAreExactNotPrefixes() throws Exception {
        Observability obs = install();
        assertThat(get(obs, "/health").statusCode()).isEqualTo(200);
        assertThat(get(obs, "/ready").statusCode()).isEqualTo(200);
        assertThat(get(obs, "/recording").statusCode()).isEqualTo(200);
        for (String path : new String[] {"/health/", "/health/live", "/healthz", "/ready/", "/ready/x", "/recording/",
                "/recording/x", "/metrics/"}) {
            HttpResponse<String> response = get(obs, path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).isEqualTo("not found\n");
        }
    }

    @Test
    void aModuleCanAskForAPrefixAndExactRoutesWinOverIt() throws Exception {
        Observability obs = install();
        assertThat(get(obs, "/recorded/").body()).isEqualTo("tree /recorded/");
        assertThat(get(obs, "/recorded/a/b").body()).isEqualTo("tree /recorded/a/b");
        assertThat(get(obs, "/recorded").statusCode()).isEqualTo(404);
        assertThat(get(obs, "/recorded/exact").body()).isEqualTo("exact");
    }

    @Test
    void aTakenPortFailsInstallWhenTheAdminServerIsRequired() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            String port = String.valueOf(taken.getLocalPort());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> IsolatedObs.builder().set("obs.admin.port", port).set("obs.admin.host", "127.0.0.1")
                            .set("obs.admin.required", "true").shutdownHook(false).install())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("obs: the admin server could not listen on 127.0.0.1:" + port)
                    .hasMessageContaining("obs.admin.required is true")
                    .hasMessageContaining("OBS_ADMIN_PORT");
            assertThat(Observability.current().isEnabled()).isFalse();

            // by default the service runs on without the admin server
            Observability obs = IsolatedObs.builder()
                    .set("obs.admin.port", port).set("obs.admin.host", "127.0.0.1").shutdownHook(false).install();
            assertThat(obs.isEnabled()).isTrue();
            assertThat(obs.adminPort()).isEqualTo(-1);
        }
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
