package dev.obs.errors.support;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.obs.Observability;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JDK HTTP server on loopback whose handlers run behind obs's filter, and a client for it. An
 * outermost filter times each request on the server, through obs's filter and its observers, so
 * that latency is measured without the loopback TCP stack's delays.
 */
public final class ObservedServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Observability obs;
    private final List<Long> serverNanos = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
    private final Filter timing = new Filter() {
        @Override
        public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
            long start = System.nanoTime();
            try {
                chain.doFilter(exchange);
            } finally {
                serverNanos.add(System.nanoTime() - start);
                finished.incrementAndGet();
            }
        }

        @Override
        public String description() {
            return "times requests on the server";
        }
    };
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ObservedServer(Observability obs) throws IOException {
        this.obs = obs;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.start();
    }

    public ObservedServer route(String path, HttpHandler handler) {
        List<Filter> filters = server.createContext(path, handler).getFilters();
        filters.add(timing);
        filters.add(obs.httpServerFilter());
        return this;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** GET {@code path} with alternating header names and values. */
    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
                .timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        sent.incrementAndGet();
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Server-side durations of the requests served so far, in microseconds, in the order they ended. */
    public List<Long> serverMicros() {
        return serverNanos.stream().map(n -> n / 1_000).toList();
    }

    /**
     * Waits until the server has finished {@code count} requests: obs's filter has ended their
     * observation, so everything they report has been reported.
     */
    public void awaitServed(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (serverNanos.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server finished " + serverNanos.size() + " of " + count + " requests in 10 s");
            }
            Thread.sleep(5);
        }
    }

    /**
     * Forgets the timings so far, once every request sent through {@link #get} has finished on the
     * server (the client has its response before the server thread records the timing).
     */
    public void clearTimings() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (finished.get() < sent.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server finished " + finished.get() + " of " + sent.get() + " requests in 10 s");
            }
            Thread.sleep(5);
        }
        serverNanos.clear();
    }

    public static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
