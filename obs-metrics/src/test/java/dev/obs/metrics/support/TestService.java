package dev.obs.metrics.support;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.obs.Observability;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A JDK HTTP server on loopback whose handlers run behind obs's filter, and a client for it and for the admin port. */
public final class TestService implements AutoCloseable {

    private final Observability obs;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    /**
     * Outside obs's filter, so it counts a request once obs has recorded it. The client gets the
     * response before that, so {@link #send} waits for it: a scrape right after sees the request.
     */
    private final Filter completion = new Filter() {
        @Override
        public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
            try {
                chain.doFilter(exchange);
            } finally {
                synchronized (completed) {
                    completed.incrementAndGet();
                    completed.notifyAll();
                }
            }
        }

        @Override
        public String description() {
            return "counts requests obs has finished observing";
        }
    };

    public TestService(Observability obs) {
        this.obs = obs;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.start();
    }

    public TestService route(String path, HttpHandler handler) {
        List<Filter> filters = server.createContext(path, handler).getFilters();
        filters.add(completion);
        filters.add(obs.httpServerFilter());
        return this;
    }

    /** Sends {@code method path} to the service with alternating header names and values. */
    public HttpResponse<String> send(String method, String path, String... headers) {
        return send(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path), method, headers);
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, headers);
    }

    /** GETs {@code path} from the admin port with alternating header names and values; the body as bytes. */
    public HttpResponse<byte[]> admin(String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + obs.adminPort() + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The exposition in the Prometheus text format, as served on the admin port. */
    public Exposition scrape() {
        return Exposition.parse(new String(admin("GET", "/metrics").body(), StandardCharsets.UTF_8));
    }

    /**
     * Scrapes until an exposition has every one of {@code names} (as a metric family), within 30 s,
     * and returns it: the JVM and process meters are bound in the background after install.
     */
    public Exposition awaitScrapeWith(String... names) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Exposition exposition = scrape();
        while (!exposition.types().keySet().containsAll(java.util.List.of(names)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            exposition = scrape();
        }
        return exposition;
    }

    /** The exposition in OpenMetrics (with exemplars), as served on the admin port. */
    public Exposition scrapeOpenMetrics() {
        return Exposition.parse(new String(admin("GET", "/metrics", "Accept",
                "application/openmetrics-text;version=1.0.0").body(), StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(URI uri, String method, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        int sequence = sent.incrementAndGet();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            awaitCompleted(sequence);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitCompleted(int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        synchronized (completed) {
            while (completed.get() < count) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new IllegalStateException("request " + count + " was answered but obs did not finish observing it");
                }
                completed.wait(left);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
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
