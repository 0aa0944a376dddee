package dev.obs.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The service run.sh measures answers what it should, with and without obs. */
class BenchmarkServiceIT {

    private final HttpClient client = HttpClient.newHttpClient();
    private BenchmarkService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        Observability.resetForTesting();
    }

    @Test
    void servesHelloHealthAndWorkWithoutObs() throws Exception {
        service = BenchmarkService.start(0, null, 2_000, 0);

        HttpResponse<String> hello = get("/hello");
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).isEqualTo("hello\n");
        assertThat(hello.headers().firstValue("X-Request-ID")).isEmpty();
        assertThat(get("/health").statusCode()).isEqualTo(200);

        HttpResponse<String> work = get("/work");
        assertThat(work.statusCode()).isEqualTo(200);
        assertThat(work.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(work.body()).startsWith("{\"status\":\"").contains("\"orders\":[{\"id\":");
        Matcher count = Pattern.compile("\"count\":(\\d+)").matcher(work.body());
        assertThat(count.find()).isTrue();
        int orders = Integer.parseInt(count.group(1));
        assertThat(orders).isBetween(1, 20);
        assertThat(Pattern.compile("\\{\"id\":").matcher(work.body()).results().count()).isEqualTo(orders);
    }

    @Test
    void observesHelloAndWorkButNotHealthWithObs() throws Exception {
        Observability obs = Observability.builder().set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1")
                .shutdownHook(false).install();
        service = BenchmarkService.start(0, obs.httpServerFilter(), 2_000, 2);

        assertThat(get("/hello").headers().firstValue("X-Request-ID")).isPresent();
        assertThat(get("/work").headers().firstValue("X-Request-ID")).isPresent();
        assertThat(get("/health").headers().firstValue("X-Request-ID")).isEmpty();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
