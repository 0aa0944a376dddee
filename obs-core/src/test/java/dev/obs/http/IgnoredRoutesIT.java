package dev.obs.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.obs.Observability;
import dev.obs.context.RequestContext;
import dev.obs.testmodule.RecordingModule;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code obs.http.ignore.routes} on the JDK server: a request ID for the handler, no observer sees the request. */
class IgnoredRoutesIT {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        Observability.resetForTesting();
    }

    @Test
    void aNoiseRouteKeepsItsRequestIdAndIsHiddenFromTheModules() throws Exception {
        RecordingModule.EVENTS.clear();
        Observability obs = Observability.builder().environment(Map.of()).systemProperties(new Properties())
                .set("obs.admin.enabled", "false").set("obs.http.ignore.routes", "/healthz, /livez").shutdownHook(false).install();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (String path : new String[] {"/healthz", "/orders"}) {
            server.createContext(path, exchange -> {
                byte[] body = RequestContext.current().requestId().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }).getFilters().add(obs.httpServerFilter());
        }
        server.start();
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();

        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/healthz"))
                .header("X-Request-ID", "lb-1").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> orders = client.send(HttpRequest.newBuilder(URI.create(base + "/orders")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.body()).isEqualTo("lb-1");
        assertThat(health.headers().firstValue("X-Request-ID")).hasValue("lb-1");
        assertThat(orders.statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + 10_000_000_000L; // the observation ends just after the response is sent
        while (!RecordingModule.EVENTS.contains("http end /orders 200 current=true") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(RecordingModule.EVENTS).contains("http start GET /orders current=true", "http end /orders 200 current=true");
        assertThat(RecordingModule.EVENTS).noneMatch(e -> e.contains("/healthz"));
    }
}
