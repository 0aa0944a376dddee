package dev.obs.benchmarks.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * An OTLP/HTTP receiver on 127.0.0.1 that reads every request body and keeps none of it, answering
 * 200 with an empty protobuf response. Both sides of a tracing comparison export to one of these,
 * so that the batch processor and the OTLP exporter (serialising, gzip, a loopback POST) do the same
 * work on both sides. Uses no obs class, so the plain-SDK anchors may run it.
 */
public final class LoopbackOtlpReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final LongAdder bytes = new LongAdder();
    private final LongAdder requests = new LongAdder();

    private LoopbackOtlpReceiver(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static LoopbackOtlpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "loopback-otlp-receiver");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        LoopbackOtlpReceiver receiver = new LoopbackOtlpReceiver(server, executor);
        server.createContext("/", exchange -> {
            long n = 0;
            byte[] buffer = new byte[8192];
            try (InputStream in = exchange.getRequestBody()) {
                for (int r; (r = in.read(buffer)) >= 0; ) {
                    n += r;
                }
            }
            receiver.bytes.add(n);
            receiver.requests.increment();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return receiver;
    }

    /** {@code http://127.0.0.1:<port>}: the OTLP base endpoint. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public long bytesReceived() {
        return bytes.sum();
    }

    public long requestsReceived() {
        return requests.sum();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
