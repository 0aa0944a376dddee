package dev.obs.benchmarks.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A receiver that accepts what exporters send and keeps none of it, so that export costs the
 * service what it costs in production (serialising, compressing, a loopback POST) without a
 * backend's own work in the measurement. One port on 127.0.0.1 serves:
 *
 * <ul>
 *   <li>{@code POST /v1/traces}, {@code /v1/metrics}, {@code /v1/logs}: OTLP/HTTP, answered 200 with
 *       an empty message (an empty protobuf {@code Export*ServiceResponse}, or {@code {}} for JSON);</li>
 *   <li>{@code POST /api/<project>/envelope/} (and the older {@code /store/}): Sentry, answered 200;</li>
 *   <li>{@code GET /stats}: one line per kind, {@code kind requests bytes}, counted since start.</li>
 * </ul>
 *
 * <p>So one value serves both {@code OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:<port>} and
 * {@code SENTRY_DSN=http://key@127.0.0.1:<port>/1}. Settings: {@code --port}/{@code E2E_PORT}
 * (default 4318). The bound port is printed on stdout as {@code listening <port>}.
 */
public final class DiscardingReceiver {

    private final Map<String, Counts> counts = new ConcurrentSkipListMap<>();
    private final HttpServer server;

    private DiscardingReceiver(HttpServer server) {
        this.server = server;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> settings = Settings.read(args, System.getenv(), List.of("port"));
        DiscardingReceiver receiver = start(Integer.parseInt(settings.getOrDefault("port", "4318")));
        System.out.println("listening " + receiver.port());
        System.out.flush();
    }

    /** Starts receiving on 127.0.0.1:{@code port} (0 picks a free port). */
    static DiscardingReceiver start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "discarding-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        DiscardingReceiver receiver = new DiscardingReceiver(server);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if ("GET".equals(method) && path.equals("/stats")) {
            StringBuilder text = new StringBuilder();
            counts.forEach((kind, c) -> text.append(kind).append(' ').append(c.requests.sum()).append(' ')
                    .append(c.bytes.sum()).append('\n'));
            reply(exchange, 200, "text/plain; charset=utf-8", text.toString());
            return;
        }
        String kind = kindOf(method, path);
        long bytes = discard(exchange.getRequestBody());
        if (kind == null) {
            count("unknown", bytes);
            reply(exchange, 404, "text/plain; charset=utf-8", "not a receiver path: " + method + " " + path + "\n");
            return;
        }
        count(kind, bytes);
        if (kind.startsWith("otlp")) {
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            boolean json = type != null && type.startsWith("application/json");
            reply(exchange, 200, json ? "application/json" : "application/x-protobuf", json ? "{}" : "");
        } else {
            reply(exchange, 200, "application/json", "{}");
        }
    }

    private static String kindOf(String method, String path) {
        if (!"POST".equals(method)) {
            return null;
        }
        return switch (path) {
            case "/v1/traces" -> "otlp-traces";
            case "/v1/metrics" -> "otlp-metrics";
            case "/v1/logs" -> "otlp-logs";
            default -> path.startsWith("/api/") && (path.endsWith("/envelope/") || path.endsWith("/store/"))
                    ? "sentry" : null;
        };
    }

    private void count(String kind, long bytes) {
        Counts c = counts.computeIfAbsent(kind, k -> new Counts());
        c.requests.increment();
        c.bytes.add(bytes);
    }

    private static long discard(InputStream body) throws IOException {
        byte[] buffer = new byte[16_384];
        long total = 0;
        try (body) {
            for (int n; (n = body.read(buffer)) >= 0; ) {
                total += n;
            }
        }
        return total;
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static final class Counts {
        final LongAdder requests = new LongAdder();
        final LongAdder bytes = new LongAdder();
    }
}
