package dev.obs.servlet;

import jakarta.servlet.ServletRequest;

/**
 * The route template of a request served through {@link ObsServletFilter}. Servlets do not know
 * templates, frameworks do; obs reads them where a framework publishes one (Spring MVC), and a
 * handler or a framework hook can name it:
 *
 * <pre>{@code
 * protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
 *     HttpRoute.set(request, "/orders/{id}");   // span "GET /orders/{id}", http_route="/orders/{id}"
 *     ...
 * }
 *
 * // Javalin: one line when the app is built
 * config.routes.beforeMatched(ctx -> HttpRoute.set(ctx.req(), ctx.endpoints().matchedHttpEndpoint().path));
 * }</pre>
 *
 * Pass a template, never the raw path: every distinct value becomes a metric series. Without a
 * template obs uses the servlet mapping that matched (e.g. {@code /api/*}), never the raw path.
 */
public final class HttpRoute {

    /** The request attribute that holds the template; frameworks may set it directly. */
    public static final String ATTRIBUTE = "dev.obs.http.route";

    private HttpRoute() {
    }

    /** Names the route template of this request. May be called on any thread until the request completes. */
    public static void set(ServletRequest request, String template) {
        if (template == null || template.isEmpty()) {
            throw new IllegalArgumentException("a route template such as /orders/{id} is required");
        }
        request.setAttribute(ATTRIBUTE, template);
    }
}
