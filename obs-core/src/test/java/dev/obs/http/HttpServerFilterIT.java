package dev.obs.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.obs.Observability;
import dev.obs.context.RequestContext;
import dev.obs.testing.IsolatedObs;
import dev.obs.testmodule.RecordingModule;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP filter over real loopback HTTP. */
class HttpServerFilterIT {

    private HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> seenInHandler = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        RecordingModule.EVENTS.clear();
        Observability obs = IsolatedObs.builder()
                .set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1").shutdownHook(false).install();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/orders", exchange -> {
            RequestContext ctx = RequestContext.current();
            seenInHandler.add(ctx.requestId() + " " + ctx.traceId());
            if (exchange.getRequestURI().getPath().startsWith("/orders/")) {
                HttpRoute.set(exchange, "/orders/{id}");
            }
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }).getFilters().add(obs.httpServerFilter());
        server.createContext("/boom", exchange -> {
            throw new IllegalStateException("database password=hunter2 unreachable");
        }).getFilters().add(obs.httpServerFilter());
        server.createContext("/gone", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            throw new IOException("Broken pipe");
        }).getFilters().add(obs.httpServerFilter());
        com.sun.net.httpserver.HttpContext asserting = server.createContext("/assert", exchange -> {
            throw new AssertionError("expected the order to be paid");
        });
        asserting.getFilters().add(new com.sun.net.httpserver.Filter() {
            @Override
            public void doFilter(com.sun.net.httpserver.HttpExchange exchange, Chain chain) throws IOException {
                try {
                    chain.doFilter(exchange);
                } catch (Throwable t) {
                    escaped.add(t);
                    throw t;
                }
            }

            @Override
            public String description() {
                return "records what escapes obs's filter";
            }
        });
        asserting.getFilters().add(obs.httpServerFilter());
        server.start();
    }

    private final List<Throwable> escaped = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void anErrorFromTheHandlerIsObservedAndRethrownNotSwallowed() throws Exception {
        HttpResponse<String> response = get("/assert");
        assertThat(response.statusCode()).isEqualTo(500);
        awaitEvent("http end /assert 500 expected the order to be paid current=true");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (escaped.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(escaped).singleElement().isInstanceOf(AssertionError.class);
    }

    @AfterEach
    void stop() {
        server.stop(0);
        Observability.resetForTesting();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitEvent(String event) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!RecordingModule.EVENTS.contains(event) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(RecordingModule.EVENTS).contains(event);
    }

    @Test
    void everyResponseCarriesARequestIdAndTheHandlerSeesItsContext() throws Exception {
        HttpResponse<String> response = get("/orders");
        String id = response.headers().firstValue("X-Request-ID").orElseThrow();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(seenInHandler).singleElement().asString().startsWith(id + " ").matches(".* [0-9a-f]{32}");
    }

    @Test
    void validIncomingRequestIdIsReusedAndCallersTraceContinued() throws Exception {
        HttpResponse<String> response = get("/orders/42", "X-Request-ID", "caller-abc-123",
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(response.headers().firstValue("X-Request-ID")).hasValue("caller-abc-123");
        assertThat(seenInHandler).containsExactly("caller-abc-123 4bf92f3577b34da6a3ce929d0e0e4736");
        awaitEvent("http end /orders/{id} 200 current=true");
        assertThat(RecordingModule.EVENTS).contains("http start GET /orders current=true");
    }

    @Test
    void hostileHeadersGetSafeReplacements() throws Exception {
        String longId = "x".repeat(300);
        HttpResponse<String> response = get("/orders", "X-Request-ID", longId, "traceparent", "00-zz-not-a-trace-01");
        String id = response.headers().firstValue("X-Request-ID").orElseThrow();
        assertThat(id).isNotEqualTo(longId).matches("[0-9a-f]{32}");
        assertThat(response.statusCode()).isEqualTo(200);

        HttpResponse<String> quoted = get("/orders", "X-Request-ID", "{\"injected\":\"json\"}");
        assertThat(quoted.headers().firstValue("X-Request-ID").orElseThrow()).matches("[0-9a-f]{32}");
    }

    @Test
    void aRequestIdThatRedactionWouldChangeIsReplacedAtTheEdge() throws Exception {
        // Safe characters, but a secret or personal data by the policy: reusing it would leave the
        // response header, the logs and the span each with a differently masked ID.
        for (String incoming : new String[] {"api_key=abc123", "4111111111111111", "jane@example.com", "AKIAIOSFODNN7EXAMPLE"}) {
            seenInHandler.clear();
            HttpResponse<String> response = get("/orders", "X-Request-ID", incoming);
            String id = response.headers().firstValue("X-Request-ID").orElseThrow();
            assertThat(id).as(incoming).matches("[0-9a-f]{32}");
            assertThat(seenInHandler).singleElement().asString().startsWith(id + " ");
        }
    }

    @Test
    void controlCharactersInTheRequestIdAreNeverEchoed() throws Exception {
        // HttpClient refuses to send control characters, so speak HTTP by hand.
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort())) {
            socket.getOutputStream().write(("GET /orders HTTP/1.1\r\nHost: localhost\r\nX-Request-ID: evil\u0007\u001b[31mred\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            List<String> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
                lines.add(line);
            }
            assertThat(lines.get(0)).contains("200");
            assertThat(lines).anySatisfy(l -> assertThat(l.toLowerCase()).matches("x-request-id: [0-9a-f]{32}"));
            assertThat(String.join("\n", lines)).doesNotContain("evil");
        }
    }

    @Test
    void aRouteNamedByOneRequestNeverSticksToTheNextOfTheSameContext() throws Exception {
        get("/orders/42");
        awaitEvent("http end /orders/{id} 200 current=true");
        RecordingModule.EVENTS.clear();
        get("/orders");
        awaitEvent("http end /orders 200 current=true");
        assertThat(RecordingModule.EVENTS).noneMatch(e -> e.contains("/orders/{id}"));
    }

    /**
     * The JDK's exchange asks its connection for its context, and a keep-alive connection starts
     * the client's next request as soon as a response is complete, often before obs's filter has
     * ended the first request's observation (a loaded machine makes that gap long). The first
     * request must still be observed under its own route, never the next one's.
     */
    @Test
    void aRequestEndingAfterTheNextRequestOnItsConnectionStartedKeepsItsOwnRoute() throws Exception {
        java.util.concurrent.CountDownLatch secondStarted = new java.util.concurrent.CountDownLatch(1);
        com.sun.net.httpserver.HttpContext first = server.createContext("/first", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes(StandardCharsets.UTF_8));
            }
        });
        first.getFilters().add(Observability.current().httpServerFilter());
        first.getFilters().add(new com.sun.net.httpserver.Filter() { // inside obs's: runs before obs ends the request
            @Override
            public void doFilter(com.sun.net.httpserver.HttpExchange exchange, Chain chain) throws IOException {
                chain.doFilter(exchange);
                try {
                    secondStarted.await(10, java.util.concurrent.TimeUnit.SECONDS); // the response is out: the next request comes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public String description() {
                return "holds the first request's end until the second request has started";
            }
        });
        server.createContext("/second", exchange -> {
            secondStarted.countDown();
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes(StandardCharsets.UTF_8));
            }
        }).getFilters().add(Observability.current().httpServerFilter());

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            java.io.InputStream in = socket.getInputStream();
            out.write("GET /first HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            readResponse(in);
            out.write("GET /second HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            readResponse(in);
        }
        assertThat(secondStarted.getCount()).as("the second request ran on the same connection").isZero();
        awaitEvent("http end /second 200 current=true");
        awaitEvent("http end /first 200 current=true");
        assertThat(RecordingModule.EVENTS).filteredOn(e -> e.startsWith("http end ")).hasSize(2);
    }

    /** Reads one response with a body of Content-Length bytes. */
    private static void readResponse(java.io.InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed in the response head: " + head);
            }
            head.append((char) c);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
        assertThat(length.find()).as(head.toString()).isTrue();
        assertThat(in.readNBytes(Integer.parseInt(length.group(1)))).hasSize(Integer.parseInt(length.group(1)));
    }

    @Test
    void aClientThatGoesAwayMidResponseIsNotAServerError() throws Exception {
        try {
            get("/gone");
        } catch (IOException expected) {
            // the handler broke the response off, as a vanished client would
        }
        awaitEvent("http end /gone 200 current=true");
        assertThat(RecordingModule.EVENTS).noneMatch(e -> e.startsWith("http end /gone 500"));
    }

    @Test
    void handlerExceptionBecomesA500WithoutStackTraceAndTheContextIsDetached() throws Exception {
        HttpResponse<String> response = get("/boom");
        assertThat(response.statusCode()).isEqualTo(500);
        String id = response.headers().firstValue("X-Request-ID").orElseThrow();
        assertThat(response.body()).isEqualTo("Internal Server Error\nrequest id: " + id + "\n")
                .doesNotContain("IllegalStateException").doesNotContain("hunter2");
        // The client may read the 500 before the server thread finishes observing; give it a moment.
        awaitEvent("http end /boom 500 database password=hunter2 unreachable current=true");
        // The worker that failed serves the next request with a fresh context.
        for (int i = 0; i < 4; i++) {
            get("/orders");
        }
        assertThat(seenInHandler).hasSize(4).doesNotContain(id);
    }

    @Test
    void withoutTheLoggingModuleTheFailureIsLoggedRedacted() throws Exception {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("dev.obs.http");
        List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(capture);
        try {
            assertThat(get("/boom").statusCode()).isEqualTo(500);
        } finally {
            jul.removeHandler(capture);
        }
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getMessage()).startsWith("request failed: GET /boom (request_id ");
            assertThat(record.getThrown().toString())
                    .isEqualTo("java.lang.IllegalStateException: database password=[REDACTED] unreachable");
            assertThat(record.getThrown().getStackTrace()).isNotEmpty();
        });
    }
}
