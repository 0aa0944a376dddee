package dev.obs.http;

import com.sun.net.httpserver.HttpExchange;
import dev.obs.internal.http.RouteSlot;

/**
 * The route template of a request served by the JDK's HTTP server. A JDK context matches by path
 * prefix, so obs uses the context's path (e.g. {@code /orders}) as the route unless the handler
 * names a finer template:
 *
 * <pre>{@code
 * public void handle(HttpExchange exchange) throws IOException {
 *     HttpRoute.set(exchange, "/orders/{id}");   // span "GET /orders/{id}", metric label http_route="/orders/{id}"
 *     ...
 * }
 * }</pre>
 *
 * Pass a template, never the raw path: every distinct value becomes a metric series. Call it on the
 * thread that runs the handler, while the request is being served by obs's filter. (The route is
 * kept per request, not in the exchange's attributes: the JDK shares those between all requests of
 * one context.)
 */
public final class HttpRoute {

    private HttpRoute() {
    }

    /** Names the route template for this request. */
    public static void set(HttpExchange exchange, String template) {
        if (template == null || template.isEmpty()) {
            throw new IllegalArgumentException("a route template such as /orders/{id} is required");
        }
        RouteSlot.set(exchange, template);
    }

    /** The route template of this request: the one set by the handler, or the context's path. */
    public static String of(HttpExchange exchange) {
        String set = RouteSlot.get(exchange);
        return set != null ? set : exchange.getHttpContext().getPath();
    }
}
