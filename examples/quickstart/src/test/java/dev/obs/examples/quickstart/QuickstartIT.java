package dev.obs.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The quickstart as a newcomer meets it: real HTTP on loopback, every module on. */
class QuickstartIT {

    private static QuickstartApp app;
    private static Observability obs;
    private static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        obs = Observability.builder().serviceName("quickstart").set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1")
                .shutdownHook(false).install();
        app = QuickstartApp.start(obs, 0);
    }

    @AfterAll
    static void stop() {
        app.close();
        Observability.resetForTesting();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void placesAndReadsAnOrderAcrossTheInternalPricingHop() throws Exception {
        HttpResponse<String> placed = send(HttpRequest.newBuilder(app.baseUri().resolve("/orders?customer=c-1&sku=book&quantity=2"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(placed.statusCode()).isEqualTo(201);
        assertThat(placed.headers().firstValue("X-Request-ID")).isPresent();
        String id = placed.body().replaceAll(".*\"id\":(\\d+).*", "$1");

        HttpResponse<String> read = send(HttpRequest.newBuilder(app.baseUri().resolve("/orders/" + id)));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"customerId\":\"c-1\"", "\"quantity\":2");
        assertThat(send(HttpRequest.newBuilder(app.baseUri().resolve("/orders/999999"))).statusCode()).isEqualTo(404);
    }

    @Test
    void failingEndpointAnswers500WithoutLeakingDetails() throws Exception {
        HttpResponse<String> failed = send(HttpRequest.newBuilder(app.baseUri().resolve("/fail")));
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).doesNotContain("4111").doesNotContain("Exception");
    }

    @Test
    void adminEndpointsAnswer() throws Exception {
        URI admin = URI.create("http://127.0.0.1:" + obs.adminPort());
        assertThat(send(HttpRequest.newBuilder(admin.resolve("/health"))).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(admin.resolve("/ready"))).body()).isEqualTo("{\"status\":\"UP\"}");
    }
}
