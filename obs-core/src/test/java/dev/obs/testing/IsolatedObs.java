package dev.obs.testing;

import dev.obs.Observability;
import java.util.Map;
import java.util.Properties;

/**
 * The builder tests install obs with: it reads no environment variable and no system property of
 * the machine the tests run on, so that a developer's exported {@code OBS_*} or {@code OTEL_*}
 * variables cannot change a test's result. A test that wants one passes it in:
 *
 * <pre>{@code
 * Observability obs = IsolatedObs.builder().environment(Map.of("OBS_ENV", "staging")).install();
 * }</pre>
 */
public final class IsolatedObs {

    private IsolatedObs() {
    }

    /** {@link Observability#builder()} with an empty environment and no system properties. */
    public static Observability.Builder builder() {
        return Observability.builder().environment(Map.of()).systemProperties(new Properties());
    }
}
