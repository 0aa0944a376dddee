package dev.obs.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiscardingReceiverIT {

    private final HttpClient client = HttpClient.newHttpClient();
    private DiscardingReceiver receiver;

    @BeforeEach
    void start() throws IOException {
        receiver = DiscardingReceiver.start(0);
    }

    @AfterEach
    void stop() {
        receiver.stop();
    }

    @Test
    void acceptsOtlpAndSentryAndCountsWhatArrived() throws Exception {
        HttpResponse<String> traces = post("/v1/traces", "application/x-protobuf", new byte[100]);
        assertThat(traces.statusCode()).isEqualTo(200);
        assertThat(traces.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
        assertThat(post("/v1/traces", "application/x-protobuf", new byte[50]).statusCode()).isEqualTo(200);
        HttpResponse<String> json = post("/v1/metrics", "application/json", "{}".getBytes());
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).isEqualTo("{}");
        assertThat(post("/api/1/envelope/", "application/x-sentry-envelope", new byte[30]).statusCode()).isEqualTo(200);

        assertThat(get("/stats").body()).isEqualTo("otlp-metrics 1 2\notlp-traces 2 150\nsentry 1 30\n");
    }

    @Test
    void refusesWhatIsNoReceiverPath() throws Exception {
        assertThat(post("/v1/other", "application/x-protobuf", new byte[10]).statusCode()).isEqualTo(404);
        assertThat(get("/v1/traces").statusCode()).isEqualTo(404);
        assertThat(get("/stats").body()).isEqualTo("unknown 2 10\n");
    }

    private HttpResponse<String> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + receiver.port() + path);
    }
}
