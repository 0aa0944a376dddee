package dev.obs.test;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpHandler;
import dev.obs.test.internal.InMemoryExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends requests to a {@code com.sun.net.httpserver} handler through obs's HTTP server filter,
 * in memory: no socket, no port, and the handler runs on the test's thread, so the request's
 * spans, log lines, meters and error events are all captured when the call returns.
 *
 * <pre>{@code
 * HttpResult response = capture.http("/orders", new OrdersHandler(service))
 *         .header("X-Request-ID", "test-1")
 *         .get("/orders/42");
 * assertThat(response.status()).isEqualTo(200);
 * assertThat(response.requestId()).isEqualTo("test-1");
 * }</pre>
 *
 * Immutable: {@link #header} returns a new driver.
 */
public final class HttpDriver {

    private final String contextPath;
    private final HttpHandler handler;
    private final Filter obsFilter;
    private final String requestIdHeader;
    private final Map<String, List<String>> headers;

    HttpDriver(String contextPath, HttpHandler handler, Filter obsFilter, String requestIdHeader,
               Map<String, List<String>> headers) {
        if (contextPath == null || !contextPath.startsWith("/")) {
            throw new IllegalArgumentException("a context path such as /orders is required, was " + contextPath);
        }
        this.contextPath = contextPath;
        this.handler = java.util.Objects.requireNonNull(handler, "handler");
        this.obsFilter = obsFilter;
        this.requestIdHeader = requestIdHeader;
        this.headers = headers;
    }

    /** A driver that adds this request header to every request it sends. */
    public HttpDriver header(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        List<String> values = new ArrayList<>(copy.getOrDefault(name, List.of()));
        values.add(value);
        copy.put(name, List.copyOf(values));
        return new HttpDriver(contextPath, handler, obsFilter, requestIdHeader, copy);
    }

    /** Sends {@code GET path} (path and query, e.g. {@code /orders/42?expand=items}). */
    public HttpResult get(String path) {
        return send("GET", path, new byte[0]);
    }

    /** Sends {@code DELETE path}. */
    public HttpResult delete(String path) {
        return send("DELETE", path, new byte[0]);
    }

    /** Sends {@code POST path} with a UTF-8 body. */
    public HttpResult post(String path, String body) {
        return send("POST", path, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code PUT path} with a UTF-8 body. */
    public HttpResult put(String path, String body) {
        return send("PUT", path, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a request and returns the response once the handler and obs's filter are done.
     *
     * @throws AssertionError if the handler returned without sending a response, which a real
     *                        client would wait for forever
     */
    public HttpResult send(String method, String path, byte[] body) {
        Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
        requestHeaders.put("Host", List.of("localhost"));
        requestHeaders.putAll(headers);
        InMemoryExchange exchange = new InMemoryExchange(method, URI.create(path), requestHeaders, body, contextPath, handler);
        try {
            exchange.serve(List.of(obsFilter));
        } catch (IOException e) {
            throw new UncheckedIOException("the in-memory exchange of " + method + " " + path + " failed", e);
        }
        if (exchange.getResponseCode() == -1) {
            throw new AssertionError("the handler returned without sending a response to " + method + " " + path
                    + ": call exchange.sendResponseHeaders(status, length) before returning (a real client would wait forever)");
        }
        return new HttpResult(exchange.getResponseCode(), exchange.getResponseHeaders(), exchange.writtenBody(), requestIdHeader);
    }
}
