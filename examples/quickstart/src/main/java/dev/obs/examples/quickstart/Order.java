package dev.obs.examples.quickstart;

/** An order as the service stores and returns it. */
record Order(long id, String customerId, String sku, int quantity, long priceCents) {

    String toJson() {
        return "{\"id\":" + id + ",\"customerId\":\"" + customerId + "\",\"sku\":\"" + sku + "\",\"quantity\":" + quantity
                + ",\"priceCents\":" + priceCents + "}";
    }
}
