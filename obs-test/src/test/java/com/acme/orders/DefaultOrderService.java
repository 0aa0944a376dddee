package com.acme.orders;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class DefaultOrderService implements OrderService {

    private static final Logger log = LoggerFactory.getLogger(DefaultOrderService.class);
    private static final int STOCK = 10;
    private final AtomicLong ids = new AtomicLong(41);

    @Override
    public Order placeOrder(String customerId, int quantity) {
        long id = ids.incrementAndGet();
        if (quantity > STOCK) {
            log.atWarn().addKeyValue("order_id", id).addKeyValue("quantity", quantity).log("not enough stock");
            throw new IllegalStateException("only " + STOCK + " in stock");
        }
        log.atInfo().addKeyValue("order_id", id).log("order placed");
        return new Order(id, customerId, quantity);
    }
}
