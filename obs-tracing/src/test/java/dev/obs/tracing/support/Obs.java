package dev.obs.tracing.support;

import dev.obs.Observability;
import dev.obs.testing.IsolatedObs;

/** Installs obs for a test from key/value pairs, isolated from the process environment. */
public final class Obs {

    private Obs() {
    }

    public static Observability install(String... keyValues) {
        Observability.Builder builder = IsolatedObs.builder()
                .serviceName("orders")
                .set("obs.service.version", "1.4.2")
                .set("obs.env", "test")
                .set("obs.admin.enabled", "false")
                .shutdownHook(false);
        for (int i = 0; i < keyValues.length; i += 2) {
            builder.set(keyValues[i], keyValues[i + 1]);
        }
        return builder.install();
    }
}
