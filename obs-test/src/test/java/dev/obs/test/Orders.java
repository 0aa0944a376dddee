package dev.obs.test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.obs.annotation.Timed;
import dev.obs.annotation.Traced;
import dev.obs.http.HttpRoute;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A small order service and its handler, instrumented the way a user would. */
public final class Orders {

    private Orders() {
    }

    public interface OrderService {
        @Traced
        @Timed("orders.place")
        String placeOrder(long orderId);
    }

    public static final class DefaultOrderService implements OrderService {
        private static final Logger LOG = LoggerFactory.getLogger(DefaultOrderService.class);

        @Override
        public String placeOrder(long orderId) {
            if (orderId == 13) {
                LOG.atWarn().addKeyValue("order_id", orderId).log("order out of stock");
                throw new IllegalStateException("order " + orderId + " is out of stock");
            }
            LOG.atInfo().addKeyValue("order_id", orderId).log("order placed");
            return "placed " + orderId;
        }
    }

    /** Serves {@code POST /orders/{id}}. */
    static final class OrderHandler implements HttpHandler {
        private static final Logger LOG = LoggerFactory.getLogger(OrderHandler.class);
        private final OrderService service;

        OrderHandler(OrderService service) {
            this.service = service;
        }

        @Override
        public void handle(HttpExchange exchange) throws IOException {
            HttpRoute.set(exchange, "/orders/{id}");
            String path = exchange.getRequestURI().getPath();
            long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
            LOG.info("placing order {}", id);
            byte[] body = service.placeOrder(id).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
