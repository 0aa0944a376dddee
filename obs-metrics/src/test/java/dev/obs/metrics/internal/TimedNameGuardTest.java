package dev.obs.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.internal.method.MethodObserverRegistry;
import dev.obs.metrics.ObsMetrics;
import dev.obs.spi.MethodObserver;
import io.micrometer.core.instrument.Timer;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code obs.time(name, ..)} with names that are not constants must not grow memory per call. */
class TimedNameGuardTest {

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    @Test
    void pastTheNameGuardCallsShareOneTimerAndNothingGrowsPerCall() throws Exception {
        Observability obs = Observability.builder().environment(Map.of()).systemProperties(new Properties())
                .set("obs.admin.enabled", "false").shutdownHook(false).install();
        for (int i = 0; i < 12_000; i++) {
            obs.time("job.n" + i, () -> { });
        }
        for (int i = 0; i < 5_000; i++) {
            obs.time("job.late", () -> { });
        }

        long timers = ObsMetrics.registry().getMeters().stream()
                .filter(m -> m instanceof Timer && m.getId().getName().startsWith("job."))
                .count();
        assertThat(timers).as("timers of distinct names beyond the guard").isLessThanOrEqualTo(10_000);
        Timer overflow = ObsMetrics.registry().find("obs.time.overflow").timer();
        assertThat(overflow).isNotNull();
        assertThat(overflow.count()).isEqualTo(2_000 + 5_000);

        TimedMethodObserver observer = timedObserver();
        assertThat(observer.cachedEntries()).as("descriptors and timer sets remembered").isLessThanOrEqualTo(2 * 10_001);
    }

    private static TimedMethodObserver timedObserver() throws ReflectiveOperationException {
        Field field = MethodObserverRegistry.class.getDeclaredField("observers");
        field.setAccessible(true);
        for (MethodObserver o : (MethodObserver[]) field.get(null)) {
            if (o instanceof TimedMethodObserver) {
                return (TimedMethodObserver) o;
            }
        }
        throw new AssertionError("no TimedMethodObserver registered");
    }
}
