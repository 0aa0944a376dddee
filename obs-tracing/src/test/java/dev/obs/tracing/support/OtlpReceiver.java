package dev.obs.tracing.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver on 127.0.0.1 that decodes real {@code ExportTraceServiceRequest}
 * protobuf (gunzipping when the exporter compressed), for tests.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** A received span with its resource, IDs in hex. */
    public record ReceivedSpan(Span span, Resource resource, String contentEncoding) {
        public String name() {
            return span.getName();
        }

        public String traceId() {
            return HexFormat.of().formatHex(span.getTraceId().toByteArray());
        }

        public String spanId() {
            return HexFormat.of().formatHex(span.getSpanId().toByteArray());
        }

        /** The parent's span ID, or "" for a root. */
        public String parentSpanId() {
            return HexFormat.of().formatHex(span.getParentSpanId().toByteArray());
        }

        public Span.SpanKind kind() {
            return span.getKind();
        }

        public String attribute(String key) {
            return find(span.getAttributesList(), key);
        }

        public String resourceAttribute(String key) {
            return find(resource.getAttributesList(), key);
        }

        private static String find(List<KeyValue> attributes, String key) {
            for (KeyValue kv : attributes) {
                if (kv.getKey().equals(key)) {
                    AnyValue v = kv.getValue();
                    switch (v.getValueCase()) {
                        case STRING_VALUE: return v.getStringValue();
                        case INT_VALUE: return Long.toString(v.getIntValue());
                        case BOOL_VALUE: return Boolean.toString(v.getBoolValue());
                        case DOUBLE_VALUE: return Double.toString(v.getDoubleValue());
                        default: return v.toString();
                    }
                }
            }
            return null;
        }
    }

    static {
        ObservedServer.noDelay();
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String retryAfter;
    private volatile java.util.concurrent.CountDownLatch hanging;

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    /** Starts on a free port. */
    public static OtlpReceiver start() throws IOException {
        return start(0);
    }

    /** Starts on {@code port} (0 for a free one). */
    public static OtlpReceiver start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/v1/traces", receiver::handle);
        server.start();
        return receiver;
    }

    /** A port that nothing listens on (for a receiver started later). */
    public static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** Answers every export with this status from now on. */
    public void respondWith(int status) {
        respondWith(status, null);
    }

    /** Answers every export with this status and, when not {@code null}, this {@code Retry-After} header. */
    public void respondWith(int status, String retryAfter) {
        this.retryAfter = retryAfter;
        this.status = status;
    }

    /** Holds every export open from now on, until {@link #release()}; held exports are then refused (503), not recorded. */
    public void hang() {
        hanging = new java.util.concurrent.CountDownLatch(1);
    }

    /** Ends {@link #hang()}. */
    public void release() {
        java.util.concurrent.CountDownLatch h = hanging;
        hanging = null;
        if (h != null) {
            h.countDown();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        byte[] body;
        try (InputStream in = "gzip".equalsIgnoreCase(encoding)
                ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        int answer = status;
        java.util.concurrent.CountDownLatch held = hanging;
        if (held != null) {
            try {
                held.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer = 503; // the exporter gave up long ago: recording these would count them twice
        }
        if (answer == 429 && retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        if (answer == 200) {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
            for (ResourceSpans rs : request.getResourceSpansList()) {
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    for (Span span : ss.getSpansList()) {
                        spans.add(new ReceivedSpan(span, rs.getResource(), encoding == null ? "" : encoding));
                    }
                }
            }
        }
        byte[] response = answer == 200 ? ExportTraceServiceResponse.getDefaultInstance().toByteArray() : new byte[0];
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(answer, response.length == 0 ? -1 : response.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response);
        }
    }

    public List<ReceivedSpan> spans() {
        return new ArrayList<>(spans);
    }

    /** Waits until a span matching {@code condition} has arrived, and returns every span received. */
    public List<ReceivedSpan> await(Predicate<ReceivedSpan> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (spans.stream().anyMatch(condition)) {
                return spans();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching span arrived in " + timeout + "; received: "
                + spans.stream().map(s -> s.name() + "/" + s.traceId()).toList());
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
