package com.acme;

import dev.obs.annotation.Traced;

/** A test class of the service's own: woven by the weave-tests goal. */
final class TestClock {

    @Traced
    long now() {
        return 42L;
    }
}
