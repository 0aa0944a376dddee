package dev.obs.internal.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import dev.obs.http.HttpRoute;
import dev.obs.http.HttpServerRequest;
import dev.obs.redact.Redactor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Observes requests to the JDK's HTTP server through {@link HttpServerObservation}. */
public final class JdkHttpServerFilter extends Filter {

    private static final System.Logger LOG = System.getLogger("dev.obs.http");

    private final HttpServerObservation observation;
    private final Redactor redactor;
    private final boolean logOutputIsRedacted;

    /**
     * @param logOutputIsRedacted whether an obs logging module redacts what goes through the
     *                            platform logger; if not, failures are logged as redacted copies
     */
    public JdkHttpServerFilter(HttpServerObservation observation, Redactor redactor, boolean logOutputIsRedacted) {
        this.observation = observation;
        this.redactor = redactor;
        this.logOutputIsRedacted = logOutputIsRedacted;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        RouteSlot route = RouteSlot.open(exchange);
        try {
            observe(exchange, chain);
        } finally {
            route.close();
        }
    }

    private void observe(HttpExchange exchange, Chain chain) throws IOException {
        HttpServerObservation.Exchange observed = observation.begin(new JdkRequest(exchange));
        exchange.getResponseHeaders().set(observation.requestIdHeader(), observed.context().requestId());
        Throwable failure = null;
        try {
            chain.doFilter(exchange);
        } catch (Throwable t) {
            failure = t;
        }
        int status = exchange.getResponseCode();
        if (failure instanceof IOException && status != -1) {
            // The response was under way when the connection broke: the client went away. That is
            // not a server error; say so quietly and let the observers see a completed request.
            LOG.log(System.Logger.Level.DEBUG, "client went away before the response was complete: "
                    + exchange.getRequestMethod() + " " + HttpRoute.of(exchange) + " (" + failure + ")");
            exchange.close();
            observed.end(status, null);
            return;
        }
        try {
            if (failure != null) {
                LOG.log(System.Logger.Level.ERROR, "request failed: " + exchange.getRequestMethod() + " "
                        + HttpRoute.of(exchange) + " (request_id " + observed.context().requestId() + ")",
                        logOutputIsRedacted ? failure : RedactedFailure.of(failure, redactor));
                if (status == -1) {
                    status = 500;
                    sendInternalError(exchange, observed.context().requestId());
                }
                exchange.close();
            }
        } finally {
            observed.end(status == -1 ? 0 : status, failure);
        }
        if (failure instanceof Error) {
            // OutOfMemoryError, AssertionError and friends are observed, never swallowed.
            throw (Error) failure;
        }
    }

    private static void sendInternalError(HttpExchange exchange, String requestId) {
        byte[] body = ("Internal Server Error\nrequest id: " + requestId + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException | RuntimeException ignored) {
            // The client is gone; the failure itself is already recorded.
        }
    }

    @Override
    public String description() {
        return "obs: request context, X-Request-ID and observation of every request";
    }

    private static final class JdkRequest implements HttpServerRequest {
        private final HttpExchange exchange;

        JdkRequest(HttpExchange exchange) {
            this.exchange = exchange;
        }

        @Override
        public String method() {
            return exchange.getRequestMethod();
        }

        @Override
        public String route() {
            return HttpRoute.of(exchange);
        }

        @Override
        public String path() {
            return exchange.getRequestURI().getRawPath();
        }

        @Override
        public String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }

        @Override
        public String scheme() {
            return exchange instanceof HttpsExchange ? "https" : "http";
        }

        @Override
        public String protocolVersion() {
            String protocol = exchange.getProtocol(); // "HTTP/1.1"
            switch (protocol) {
                case "HTTP/1.1":
                    return "1.1";
                case "HTTP/1.0":
                    return "1.0";
                default:
                    int slash = protocol.indexOf('/');
                    return slash < 0 ? protocol : protocol.substring(slash + 1);
            }
        }

        @Override
        public int serverPort() {
            return exchange.getLocalAddress().getPort();
        }

        @Override
        public String query() {
            return exchange.getRequestURI().getRawQuery();
        }

        @Override
        public long responseBodySize() {
            // sendResponseHeaders(status, length > 0) sets it; chunked and empty responses leave it unknown
            return HttpServerRequest.contentLength(exchange.getResponseHeaders().getFirst("Content-length"));
        }
    }
}
