package com.acme;

import dev.obs.annotation.Timed;
import dev.obs.annotation.Traced;
import java.util.concurrent.CompletableFuture;

public final class OrderService {

    @Traced
    @Timed("orders.place")
    public String placeOrder(String customerId) {
        return "order-" + reserve(customerId) + "-" + sequence(customerId.length());
    }

    @Traced("inventory.reserve")
    String reserve(String customerId) {
        return customerId.toUpperCase(java.util.Locale.ROOT);
    }

    @Timed
    private static int sequence(int seed) {
        return seed * 7;
    }

    @Traced
    public double total(double amount, boolean express) {
        return express ? amount + 5 : amount;
    }

    @Traced
    public void cancel(String orderId) {
        throw new IllegalStateException("order " + orderId + " already shipped"); // CANCEL-THROWS
    }

    @Traced
    public CompletableFuture<String> ship(CompletableFuture<String> carrier) {
        return carrier.thenApply(tracking -> "shipped " + tracking);
    }
}
