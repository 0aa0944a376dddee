package com.acme.orders;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.obs.http.HttpRoute;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** POST /orders/{customerId}?quantity=N */
public final class OrderHandler implements HttpHandler {

    private final OrderService orders;

    public OrderHandler(OrderService orders) {
        this.orders = orders;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        HttpRoute.set(exchange, "/orders/{customerId}");
        String customerId = exchange.getRequestURI().getPath().substring("/orders/".length());
        int quantity = Integer.parseInt(exchange.getRequestURI().getQuery().substring("quantity=".length()));
        OrderService.Order order = orders.placeOrder(customerId, quantity); // an exception becomes a 500
        byte[] body = ("{\"id\":" + order.id() + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(201, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
