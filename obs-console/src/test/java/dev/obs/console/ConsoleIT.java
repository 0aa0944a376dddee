package dev.obs.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.obs.Observability;
import dev.obs.config.ConfigException;
import dev.obs.testing.ConfigurationPage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The console over real HTTP on loopback, with obs-core only on the class path (no pillar): where
 * it is served and where not, when it is on, its token, that it is read-only, and its bounds.
 */
class ConsoleIT {

    private final HttpClient client = HttpClient.newHttpClient();
    private Observability obs;
    private HttpServer app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop(0);
            app = null;
        }
        Observability.resetForTesting();
    }

    private void start(Map<String, String> settings) throws IOException {
        Observability.Builder builder = Observability.builder().serviceName("console-it").set("obs.admin.port", "0")
                .set("obs.admin.host", "127.0.0.1").shutdownHook(false);
        settings.forEach(builder::set);
        obs = builder.install();
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/hello", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }).getFilters().add(obs.httpServerFilter());
        app.createContext("/boom", exchange -> {
            throw new IllegalStateException("boom");
        }).getFilters().add(obs.httpServerFilter());
        app.start();
    }

    private URI admin(String path) {
        return URI.create("http://127.0.0.1:" + obs.adminPort() + path);
    }

    private URI app(String path) {
        return URI.create("http://127.0.0.1:" + app.getAddress().getPort() + path);
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return send(uri, "GET", b -> { });
    }

    private HttpResponse<String> send(URI uri, String method, Consumer<HttpRequest.Builder> more) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
        more.accept(request);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void hello(String requestId) throws Exception {
        assertThat(send(app("/hello"), "GET", b -> b.header("X-Request-ID", requestId)).statusCode()).isEqualTo(200);
    }

    @Test
    void servesThePageAndTheApiOnTheAdminPortWithTheRequestsItObserved() throws Exception {
        start(Map.of());
        hello("console-it-1");
        assertThat(send(app("/boom"), "GET", b -> b.header("X-Request-ID", "console-it-2")).statusCode()).isEqualTo(500);

        HttpResponse<String> page = get(admin("/"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString().contains("default-src 'none'");
        assertThat(page.body()).contains("<title>obs console</title>", "/console/console.js");
        assertThat(get(admin("/console/console.js")).statusCode()).isEqualTo(200);
        assertThat(get(admin("/console/console.css")).statusCode()).isEqualTo(200);

        String requests = get(admin("/console/api/requests")).body();
        assertThat(requests).contains("\"requestId\":\"console-it-1\"", "\"route\":\"/hello\"", "\"status\":200");
        assertThat(requests).contains("\"requestId\":\"console-it-2\"", "\"status\":500",
                "\"errorType\":\"java.lang.IllegalStateException\"");
        assertThat(requests.indexOf("console-it-2")).as("newest first").isLessThan(requests.indexOf("console-it-1"));
        assertThat(get(admin("/console/api/requests?status=5xx")).body()).contains("console-it-2").doesNotContain("console-it-1");
        assertThat(get(admin("/console/api/requests?q=console-it-1")).body()).contains("console-it-1").doesNotContain("console-it-2");

        String red = get(admin("/console/api/red")).body();
        assertThat(red).contains("\"route\":\"GET /hello\"", "\"route\":\"GET /boom\"");
        assertThat(red).containsPattern("\"route\":\"GET /boom\",\"lastMinute\":\\{\"count\":1,\"errors\":1,");

        // the /health and /ready routes of core stay where they were
        assertThat(get(admin("/health")).body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(get(admin("/nothing-here")).statusCode()).isEqualTo(404);
    }

    @Test
    void findsARequestByItsTraceIdAndSaysWhatIsNotInstalled() throws Exception {
        start(Map.of("obs.traces.sample.ratio", "1.0"));
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        assertThat(send(app("/hello"), "GET", b -> b.header("X-Request-ID", "by-trace")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")).statusCode()).isEqualTo(200);

        HttpResponse<String> byTrace = get(admin("/console/api/request?id=" + traceId.toUpperCase()));
        assertThat(byTrace.statusCode()).isEqualTo(200);
        assertThat(byTrace.body()).contains("\"requestId\":\"by-trace\"", "\"traceId\":\"" + traceId + "\"",
                "the tracing module (obs-tracing) is not installed");
        assertThat(byTrace.body()).contains("\"logs\":{\"available\":false", "\"errors\":{\"available\":false");
        assertThat(get(admin("/console/api/overview")).body())
                .contains("\"modules\":{\"logging\":false,\"metrics\":false,\"tracing\":false,\"errors\":false}");
        assertThat(get(admin("/console/api/request?id=no-such-request")).statusCode()).isEqualTo(404);
        assertThat(get(admin("/console/api/jvm")).body()).contains("\"heap\":{\"usedBytes\":", "\"threads\":{\"live\":",
                "\"name\":\"traces (OTLP)\",\"installed\":false,\"status\":\"not installed\"");
    }

    @Test
    void isNeverServedOnTheApplicationsPort() throws Exception {
        start(Map.of());
        hello("app-port");
        for (String path : new String[] {"/", "/console/console.js", "/console/api/requests", "/console/api/overview"}) {
            HttpResponse<String> response = get(app(path));
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("obs console").doesNotContain("app-port");
        }
        assertThat(get(admin("/console/api/requests")).body()).contains("app-port");
    }

    @Test
    void isReadOnly() throws Exception {
        start(Map.of());
        hello("read-only");
        String before = get(admin("/console/api/requests")).body();
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            for (String path : new String[] {"/", "/console/api/requests", "/console/api/request?id=read-only"}) {
                HttpResponse<String> response = send(admin(path), method, b -> { });
                assertThat(response.statusCode()).as(method + " " + path).isEqualTo(405);
                assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
            }
        }
        assertThat(get(admin("/console/api/requests")).body()).isEqualTo(before);
    }

    @Test
    void withATokenEveryPageAndApiRequestMustCarryIt() throws Exception {
        start(Map.of("obs.console.token", "s3cret-token"));
        hello("guarded");
        for (String path : new String[] {"/", "/console/console.js", "/console/api/requests", "/console/api/jvm"}) {
            assertThat(get(admin(path)).statusCode()).as(path + " without token").isEqualTo(401);
            assertThat(send(admin(path), "GET", b -> b.header("Authorization", "Bearer wrong")).statusCode())
                    .as(path + " wrong token").isEqualTo(401);
            assertThat(send(admin(path), "GET", b -> b.header("Authorization", "Bearer s3cret-token")).statusCode())
                    .as(path + " bearer").isEqualTo(200);
            assertThat(send(admin(path), "GET", b -> b.header("Cookie", "obs_console_token=s3cret-token")).statusCode())
                    .as(path + " cookie").isEqualTo(200);
        }
        assertThat(get(admin("/console/api/requests")).body()).doesNotContain("guarded");
        HttpResponse<String> opened = get(admin("/?token=s3cret-token"));
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.headers().firstValue("Set-Cookie")).get().asString()
                .startsWith("obs_console_token=s3cret-token;").contains("HttpOnly", "SameSite=Strict");
        assertThat(get(admin("/health")).statusCode()).as("health needs no token").isEqualTo(200);
    }

    @Test
    void isOnForLocalEnvironmentsAndOffElsewhereUnlessEnabled() throws Exception {
        start(Map.of("obs.env", "production"));
        assertThat(get(admin("/")).statusCode()).isEqualTo(404);
        assertThat(get(admin("/console/api/overview")).statusCode()).isEqualTo(404);
        stop();

        start(Map.of("obs.env", "production", "obs.console.enabled", "true"));
        assertThat(get(admin("/console/api/overview")).body()).contains("\"environment\":\"production\"");
        stop();

        start(Map.of("obs.env", "dev"));
        assertThat(get(admin("/")).statusCode()).isEqualTo(200);
        stop();

        start(Map.of()); // no environment set: obs calls it "local"
        assertThat(get(admin("/console/api/overview")).body()).contains("\"environment\":\"local\"");
        stop();

        start(Map.of("obs.env", "dev", "obs.console.enabled", "false"));
        assertThat(get(admin("/")).statusCode()).isEqualTo(404);
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfRequests() throws Exception {
        start(Map.of("obs.console.requests", "10"));
        for (int i = 0; i < 25; i++) {
            hello("bounded-" + i);
        }
        String requests = get(admin("/console/api/requests?limit=1000")).body();
        assertThat(requests.split("\"requestId\"", -1)).hasSize(11);
        assertThat(requests).contains("bounded-24", "bounded-15").doesNotContain("\"bounded-14\"");
        assertThat(get(admin("/console/api/overview")).body()).contains("\"requests\":10,\"requestsLimit\":10",
                "\"evicted\":15");
    }

    @Test
    void badSettingsFailInstallNamingTheKey() {
        assertThatThrownBy(() -> start(Map.of("obs.console.enabled", "maybe"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("obs.console.enabled").hasMessageContaining("auto, true or false");
        assertThatThrownBy(() -> start(Map.of("obs.console.requests", "5"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("obs.console.requests");
    }

    @Test
    void everyKeyIsDocumentedWithItsDefault() {
        assertThat(ConfigurationPage.mismatches(new ConsoleModule().configKeys())).isEmpty();
    }
}
