package dev.obs.errors.support;

import dev.obs.Observability;
import java.util.Map;
import java.util.Properties;

/**
 * A service whose {@code main} fails right after {@code install()}, before Sentry can have started:
 * run in a JVM of its own by {@code SentryStartIT}, with the DSN as its argument. The exception is
 * uncaught, so the JVM exits and obs's shutdown hook is what must deliver it.
 */
public final class DiesAtStartup {

    private DiesAtStartup() {
    }

    public static void main(String[] args) {
        Observability.builder().environment(Map.of()).systemProperties(new Properties())
                .serviceName("dies").set("sentry.dsn", args[0]).set("obs.admin.enabled", "false").install();
        throw new IllegalStateException("configuration table missing");
    }
}
