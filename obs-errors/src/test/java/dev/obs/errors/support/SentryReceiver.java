package dev.obs.errors.support;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A Sentry ingestion endpoint on loopback that parses the envelopes the real Sentry SDK sends:
 * the envelope header line, each item's header line and payload (by {@code length} when given),
 * gunzipped when the body is compressed. It can also stall, holding every request open, to play
 * a Sentry that hangs.
 */
public final class SentryReceiver implements AutoCloseable {

    /** One item of an envelope: its header and its payload as text. */
    public record Item(Map<String, Object> header, String payload) {
        public String type() {
            return (String) header.get("type");
        }

        public Map<String, Object> json() {
            return MiniJson.object(payload);
        }
    }

    /** One envelope as received, with the raw decoded body for whole-text checks. */
    public record Envelope(String path, String contentEncoding, Map<String, Object> header, List<Item> items, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<Envelope> envelopes = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean stalled;

    private volatile int status = 200;
    private volatile String retryAfter;
    private volatile CountDownLatch hanging;

    public SentryReceiver() throws IOException {
        this(0);
    }

    /** Listens on {@code port} (0 for a free one): a receiver closed and started again on its port plays a Sentry that refused connections meanwhile. */
    public SentryReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try {
                if (stalled) {
                    release.await(30, TimeUnit.SECONDS);
                }
                byte[] body = exchange.getRequestBody().readAllBytes();
                CountDownLatch held = hanging;
                int status = this.status;
                if (held != null) {
                    held.await(60, TimeUnit.SECONDS);
                    status = 503; // the client gave up long ago: recording it would count it twice
                }
                if (status != 200) {
                    if (status == 429 && retryAfter != null) {
                        exchange.getResponseHeaders().set("Retry-After", retryAfter);
                    }
                    exchange.sendResponseHeaders(status, -1);
                    return;
                }
                String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
                if ("gzip".equalsIgnoreCase(encoding)) {
                    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                        body = in.readAllBytes();
                    }
                }
                Envelope envelope = parse(exchange.getRequestURI().getPath(), encoding, body);
                // Recorded before the answer, so that whoever the 200 reaches finds it here; taken
                // back if the answer cannot be written (close() under way): the client counts that
                // envelope as lost, and it must not be counted twice.
                envelopes.add(envelope);
                byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
                try {
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                    exchange.getResponseBody().flush();
                } catch (IOException e) {
                    envelopes.remove(envelope);
                    throw e;
                }
            } catch (Exception | AssertionError e) {
                failures.add(e.toString());
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** A DSN that points at this receiver, project 1. */
    public String dsn() {
        return "http://publickey@127.0.0.1:" + server.getAddress().getPort() + "/1";
    }

    /** Answers every envelope with this status (and, when not {@code null}, this {@code Retry-After}) without recording it. */
    public void respondWith(int status, String retryAfter) {
        this.retryAfter = retryAfter;
        this.status = status;
    }

    /** Holds every request open until {@link #release()}; held envelopes are then answered 503, not recorded. */
    public void hang() {
        hanging = new CountDownLatch(1);
    }

    /** Ends {@link #hang()}. */
    public void release() {
        CountDownLatch h = hanging;
        hanging = null;
        if (h != null) {
            h.countDown();
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Holds every request open until {@link #close()}, like a Sentry that accepts but never answers. */
    public void stall() {
        stalled = true;
    }

    public List<Envelope> envelopes() {
        return List.copyOf(envelopes);
    }

    /** Every item of type {@code event}, across envelopes. */
    public List<Item> events() {
        List<Item> out = new ArrayList<>();
        for (Envelope envelope : envelopes) {
            for (Item item : envelope.items()) {
                if ("event".equals(item.type())) {
                    out.add(item);
                }
            }
        }
        return out;
    }

    /** Bodies that could not be parsed as envelopes; expected empty. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Waits until at least {@code count} events arrived or the time is up. */
    public List<Item> awaitEvents(int count, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (events().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return events();
    }

    static Envelope parse(String path, String encoding, byte[] body) {
        int[] pos = {0};
        Map<String, Object> header = MiniJson.object(line(body, pos));
        List<Item> items = new ArrayList<>();
        while (pos[0] < body.length) {
            String itemHeaderLine = line(body, pos);
            if (itemHeaderLine.isBlank()) {
                continue;
            }
            Map<String, Object> itemHeader = MiniJson.object(itemHeaderLine);
            String payload;
            Object length = itemHeader.get("length");
            if (length != null) {
                int n = ((Number) length).intValue();
                payload = new String(body, pos[0], n, StandardCharsets.UTF_8);
                pos[0] += n;
                if (pos[0] < body.length && body[pos[0]] == '\n') {
                    pos[0]++;
                }
            } else {
                payload = line(body, pos);
            }
            items.add(new Item(itemHeader, payload));
        }
        return new Envelope(path, encoding, header, items, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(byte[] body, int[] pos) {
        int start = pos[0];
        int end = start;
        while (end < body.length && body[end] != '\n') {
            end++;
        }
        pos[0] = Math.min(body.length, end + 1);
        return new String(body, start, end - start, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        release();
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
