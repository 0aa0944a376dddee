package dev.obs.examples.quickstart;

import dev.obs.annotation.Timed;
import dev.obs.annotation.Traced;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The business logic: place and look up orders. */
public class OrderService {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);

    private final OrderRepository repository;
    private final PricingClient pricing;
    private final Counter ordersPlaced = Counter.builder("orders.placed")
            .description("Orders placed successfully")
            .register(Metrics.globalRegistry);

    public OrderService(OrderRepository repository, PricingClient pricing) {
        this.repository = repository;
        this.pricing = pricing;
    }

    @Traced
    @Timed("orders.place")
    public Order placeOrder(String customerId, String sku, int quantity)
            throws SQLException, IOException, InterruptedException {
        if (quantity <= 0 || quantity > 100) {
            throw new IllegalArgumentException("quantity must be 1 to 100, was " + quantity);
        }
        long price = pricing.priceCents(sku, quantity);
        Order order = repository.insert(customerId, sku, quantity, price);
        ordersPlaced.increment();
        log.atInfo().addKeyValue("order_id", order.id()).addKeyValue("sku", sku)
                .log("order placed for customer {}", customerId);
        return order;
    }

    @Traced
    @Timed("orders.find")
    public Optional<Order> findOrder(long id) throws SQLException {
        return repository.find(id);
    }
}
