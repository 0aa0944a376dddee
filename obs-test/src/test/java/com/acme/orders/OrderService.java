package com.acme.orders;

import dev.obs.annotation.Timed;
import dev.obs.annotation.Traced;

public interface OrderService {

    @Traced                  // span "DefaultOrderService.placeOrder"
    @Timed("orders.place")   // timer orders.place, exposed as orders_place_seconds
    Order placeOrder(String customerId, int quantity);

    record Order(long id, String customerId, int quantity) {
    }
}
