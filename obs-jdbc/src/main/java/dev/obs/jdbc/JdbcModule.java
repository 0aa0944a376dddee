package dev.obs.jdbc;

import dev.obs.config.ConfigKey;
import dev.obs.jdbc.internal.JdbcSettings;
import dev.obs.spi.ModuleContext;
import dev.obs.spi.ObservabilityModule;
import java.time.Duration;
import java.util.List;

/**
 * The JDBC integration's part in {@code Observability.install()}: it declares and reads
 * {@code obs.jdbc.slow.query} and {@code obs.jdbc.slow.acquire}. Applications use {@link ObsJdbc}.
 */
public final class JdbcModule implements ObservabilityModule {

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return JdbcSettings.KEYS;
    }

    @Override
    public void start(ModuleContext context) {
        JdbcSettings.apply(context.config());
    }

    @Override
    public void close(Duration timeout) {
        JdbcSettings.reset();
    }
}
