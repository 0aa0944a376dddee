package com.acme;

import dev.obs.Observability;

public class Main {
    public static void main(String[] args) {
        try (Observability obs = Observability.builder().set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1")
                .shutdownHook(false).install()) {
            int available = new Inventory().available("sku1");
            System.out.println("available=" + available + " observed=" + RecordingModule.EVENTS.size());
        }
    }
}
