package dev.obs.jdbc.internal;

import dev.obs.config.Config;
import dev.obs.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/** The JDBC integration's keys and the thresholds read from them; the proxies read them on every call. */
public final class JdbcSettings {

    public static final ConfigKey SLOW_QUERY = ConfigKey.of("obs.jdbc.slow.query", "500ms",
            "A statement that runs longer than this is logged at WARN with its sanitized text, duration and request IDs; 0 turns the log off.");
    public static final ConfigKey SLOW_ACQUIRE = ConfigKey.of("obs.jdbc.slow.acquire", "100ms",
            "Getting a connection from a wrapped DataSource that takes longer than this (or fails) shows as a `DataSource.getConnection` span in the trace; 0 turns it off.");

    public static final List<ConfigKey> KEYS = List.of(SLOW_QUERY, SLOW_ACQUIRE);

    private static final long DEFAULT_SLOW_QUERY = Duration.ofMillis(500).toNanos();
    private static final long DEFAULT_SLOW_ACQUIRE = Duration.ofMillis(100).toNanos();

    private static volatile long slowQueryNanos = DEFAULT_SLOW_QUERY;
    private static volatile long slowAcquireNanos = DEFAULT_SLOW_ACQUIRE;

    private JdbcSettings() {
    }

    /** Reads the keys; an unusable value throws {@link dev.obs.config.ConfigException} and fails {@code install()}. */
    public static void apply(Config config) {
        long query = config.getDuration(SLOW_QUERY.name()).toNanos();
        long acquire = config.getDuration(SLOW_ACQUIRE.name()).toNanos();
        slowQueryNanos = query == 0 ? Long.MAX_VALUE : query;
        slowAcquireNanos = acquire == 0 ? Long.MAX_VALUE : acquire;
    }

    /** Back to the defaults (obs closed). */
    public static void reset() {
        slowQueryNanos = DEFAULT_SLOW_QUERY;
        slowAcquireNanos = DEFAULT_SLOW_ACQUIRE;
    }

    static long slowQueryNanos() {
        return slowQueryNanos;
    }

    static long slowAcquireNanos() {
        return slowAcquireNanos;
    }
}
