package com.acme;

import dev.obs.annotation.Traced;

@Traced
public class Billing {

    public long charge(long cents) {
        return cents + audit();
    }

    long audit() {
        return 1;
    }
}
