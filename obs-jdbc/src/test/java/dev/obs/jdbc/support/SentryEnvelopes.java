package dev.obs.jdbc.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A Sentry ingestion endpoint on loopback that keeps the body of every envelope the real Sentry SDK
 * sends (gunzipped when compressed), as text for whole-envelope checks.
 */
public final class SentryEnvelopes implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sentry-envelopes");
        t.setDaemon(true);
        return t;
    });
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    public SentryEnvelopes() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (InputStream raw = exchange.getRequestBody()) {
                InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new GZIPInputStream(raw) : raw;
                bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The DSN that sends to this endpoint. */
    public String dsn() {
        return "http://publickey@127.0.0.1:" + server.getAddress().getPort() + "/1";
    }

    /** Every envelope body received so far. */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** Forgets what was received. */
    public void clear() {
        bodies.clear();
    }

    /** Waits (up to {@code millis}) until an envelope matches, and returns all bodies received. */
    public List<String> awaitBody(Predicate<String> matching, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (bodies.stream().noneMatch(matching) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return bodies();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
