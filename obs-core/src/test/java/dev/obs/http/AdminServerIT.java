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
}
