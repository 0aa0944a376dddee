package dev.obs.examples.jetty;

import dev.obs.Observability;
import dev.obs.servlet.HttpRoute;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET /orders/{id} (synchronous), GET /orders/{id}/receipt (asynchronous: rendered on Jetty's
 * executor); an unknown order is a 404 through {@code sendError}; order "13" fails on purpose.
 */
final class OrdersServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(OrdersServlet.class);

    private final transient OrderStore store;

    OrdersServlet(OrderStore store) {
        this.store = store;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String[] parts = req.getPathInfo() == null ? new String[0] : req.getPathInfo().substring(1).split("/");
        if (parts.length == 2 && parts[1].equals("receipt")) {
            HttpRoute.set(req, "/orders/{id}/receipt");
            receipt(req, parts[0]);
            return;
        }
        HttpRoute.set(req, "/orders/{id}");
        String id = parts.length == 1 ? parts[0] : "";
        if (id.equals("13")) {
            throw new IllegalStateException("order 13 is cursed"); // a 500 with the request ID, one error event
        }
        OrderStore.Order order = store.find(id);
        if (order == null) {
            log.atInfo().addKeyValue("order_id", id).log("no such order");
            resp.sendError(404); // counted as the 404 the client sees
            return;
        }
        log.atInfo().addKeyValue("order_id", id).log("order shown");
        resp.setContentType("application/json");
        resp.getWriter().write("{\"id\":\"" + order.id() + "\",\"customer\":\"" + order.customer() + "\",\"quantity\":" + order.quantity() + "}");
    }

    private void receipt(HttpServletRequest req, String id) {
        AsyncContext async = req.startAsync();
        async.start(() -> { // Jetty's executor; the request's context comes along
            try {
                String body = Observability.current().trace("receipt.render", () -> {
                    log.atInfo().addKeyValue("order_id", id).log("rendering receipt");
                    return "receipt for order " + id + "\n";
                });
                HttpServletResponse resp = (HttpServletResponse) async.getResponse();
                resp.setContentType("text/plain");
                resp.getWriter().write(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                async.complete();
            }
        });
    }
}
