package dev.obs.examples.jetty;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The orders, in memory. */
final class OrderStore {

    record Order(String id, String customer, int quantity) {
    }

    private final Map<String, Order> orders = new ConcurrentHashMap<>(Map.of(
            "1", new Order("1", "c-7", 2),
            "2", new Order("2", "c-9", 1)));

    Order find(String id) {
        return orders.get(id);
    }
}
