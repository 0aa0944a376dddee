package dev.obs.internal.runtime;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import dev.obs.HealthCheck;
import dev.obs.Observability;
import dev.obs.ServiceInfo;
import dev.obs.config.Config;
import dev.obs.internal.config.CoreConfig;
import dev.obs.redact.Redactor;
import dev.obs.sampling.SamplingPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The instance used when obs is not installed or is disabled: does nothing, allocates nothing. */
public final class NoopObservability implements Observability {

    public static final NoopObservability INSTANCE = new NoopObservability();

    private static final Config CONFIG = Config.of(CoreConfig.KEYS, List.of());
    private static final ServiceInfo SERVICE = new ServiceInfo("unknown_service:java", "unknown", "local", Map.of());
    private static final SamplingPolicy NEVER = new SamplingPolicy(0.0, 0, false, Duration.ZERO);
    private static final Filter PASS_THROUGH = new Filter() {
        @Override
        public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
            chain.doFilter(exchange);
        }

        @Override
        public String description() {
            return "obs (disabled)";
        }
    };

    private NoopObservability() {
    }

    @Override
    public boolean isEnabled() {
        return false;
    }

    @Override
    public ServiceInfo service() {
        return SERVICE;
    }

    @Override
    public Config config() {
        return CONFIG;
    }

    @Override
    public SamplingPolicy sampling() {
        return NEVER;
    }

    @Override
    public Redactor redactor() {
        return Redactor.defaults();
    }

    @Override
    public Filter httpServerFilter() {
        return PASS_THROUGH;
    }

    @Override
    public int adminPort() {
        return -1;
    }

    @Override
    public void addReadinessCheck(String name, HealthCheck check) {
    }

    @Override
    public <T> T instrument(Class<T> type, T implementation) {
        return implementation;
    }

    @Override
    public <T, E extends Throwable> T trace(String spanName, Work<T, E> work) throws E {
        return work.run();
    }

    @Override
    public void trace(String spanName, Runnable work) {
        work.run();
    }

    @Override
    public <T, E extends Throwable> T time(String timerName, Work<T, E> work) throws E {
        return work.run();
    }

    @Override
    public void time(String timerName, Runnable work) {
        work.run();
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "Observability(no-op)";
    }
}
