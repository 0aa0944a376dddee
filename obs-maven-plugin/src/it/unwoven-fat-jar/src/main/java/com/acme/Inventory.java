package com.acme;

import dev.obs.annotation.Traced;

public class Inventory {

    @Traced
    public int available(String sku) {
        return sku.length();
    }
}
