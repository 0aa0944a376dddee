package dev.obs.http;

import com.sun.net.httpserver.HttpExchange;

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
 * Pass a template, never the raw path: every distinct value becomes a metric series.
 */
public final class HttpRoute {

    /** The exchange attribute that holds the route template. */
    public static final String ATTRIBUTE = "dev.obs.http.route";

    private HttpRoute() {
    }

    /** Names the route template for this exchange. */
    public static void set(HttpExchange exchange, String template) {
        exchange.setAttribute(ATTRIBUTE, template);
    }

    /** The route template of this exchange: the one set by the handler, or the context's path. */
    public static String of(HttpExchange exchange) {
        Object set = exchange.getAttribute(ATTRIBUTE);
        if (set instanceof String) {
            return (String) set;
        }
        return exchange.getHttpContext().getPath();
    }
}
