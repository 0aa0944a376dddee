package dev.obs.errors.support;

import dev.obs.annotation.Traced;

/** A service with a {@code @Traced} method, driven through {@code obs.instrument(...)} proxies. */
public interface Inventory {

    @Traced
    String reserve(String sku);

    /** An implementation that always fails with {@code failure}. */
    static Inventory failingWith(RuntimeException failure) {
        return sku -> {
            throw failure;
        };
    }
}
