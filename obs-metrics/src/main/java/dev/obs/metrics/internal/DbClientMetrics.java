package dev.obs.metrics.internal;

import dev.obs.spi.DbClientCall;
import dev.obs.spi.DbClientObserver;
import dev.obs.spi.DbOperation;
import dev.obs.spi.Diagnostics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.noop.NoopTimer;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Database client metrics from what integrations such as {@code obs-jdbc} report:
 * {@code db.client.operation.duration} (a histogram in seconds with the conventions' bucket
 * boundaries, exposed as {@code db_client_operation_duration_seconds}) by {@code db.system.name},
 * {@code db.namespace}, {@code db.operation.name}, {@code db.collection.name} and
 * {@code error.type}, with exemplars; and, for a HikariCP pool, the pool's own metrics through
 * Hikari's {@code MicrometerMetricsTrackerFactory} ({@code hikaricp_connections_active},
 * {@code _idle}, {@code _pending}, {@code _max}, {@code _acquire_seconds}, {@code _timeout_total}, ...).
 * Hikari is reached by reflection: obs-metrics does not depend on it.
 */
public final class DbClientMetrics implements DbClientObserver {

    public static final String DURATION = "db.client.operation.duration";

    /** The bucket boundaries the semantic conventions advise for {@code db.client.operation.duration}. */
    static final Duration[] BUCKETS = {ms(1), ms(5), ms(10), ms(50), ms(100), ms(500), ms(1000), ms(5000), ms(10000)};
    private static final int MAX_CACHED_TIMERS = 10_000;
    private static final String HIKARI = "com.zaxxer.hikari.HikariDataSource";
    private static final String HIKARI_MICROMETER = "com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory";
    private static final String HIKARI_FACTORY = "com.zaxxer.hikari.metrics.MetricsTrackerFactory";

    private final MeterRegistry registry;
    private final Diagnostics diagnostics;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    public DbClientMetrics(MeterRegistry registry, Diagnostics diagnostics) {
        this.registry = registry;
        this.diagnostics = diagnostics;
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Override
    public DbClientCall onStart(DbOperation op) {
        return (durationNanos, rows, error, safeMessage, slow) ->
                timer(op, error == null ? "" : DbOperation.errorType(error)).record(durationNanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(DbOperation op, String errorType) {
        Key key = new Key(op.system(), op.namespace(), op.operationName(), op.collectionName(), errorType);
        Timer timer = timers.get(key);
        if (timer != null) {
            return timer;
        }
        timer = Timer.builder(DURATION)
                .description("Duration of database client operations.")
                .tags("db.system.name", op.system(),
                        "db.namespace", nonNull(op.namespace()),
                        "db.operation.name", nonNull(op.operationName()),
                        "db.collection.name", nonNull(op.collectionName()),
                        "error.type", errorType)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
        // A no-op timer means the cardinality cap denied it: asking again lets the guard count each loss.
        if (!(timer instanceof NoopTimer) && timers.size() < MAX_CACHED_TIMERS) {
            timers.putIfAbsent(key, timer);
        }
        return timer;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private record Key(String system, String namespace, String operation, String collection, String errorType) {
    }

    /** Binds a HikariCP pool's own metrics to this registry, unless the application bound it itself. */
    @Override
    public void onDataSourceWrapped(DataSource dataSource) {
        Class<?> type = dataSource.getClass();
        Class<?> hikari = superclassNamed(type, HIKARI);
        if (hikari == null) {
            return;
        }
        try {
            if (hikari.getMethod("getMetricsTrackerFactory").invoke(dataSource) != null
                    || hikari.getMethod("getMetricRegistry").invoke(dataSource) != null) {
                return; // the application chose its own metrics for this pool
            }
            ClassLoader loader = hikari.getClassLoader();
            Class<?> factoryType = Class.forName(HIKARI_FACTORY, false, loader);
            Object factory = Class.forName(HIKARI_MICROMETER, true, loader).getConstructor(MeterRegistry.class).newInstance(registry);
            Method set = hikari.getMethod("setMetricsTrackerFactory", factoryType);
            set.invoke(dataSource, factory); // also on a running pool: Hikari applies it once
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
            diagnostics.warnOnce("hikari-metrics", "the metrics of HikariCP pool " + type.getName() + " could not be bound (" + cause
                    + "); set its MetricsTrackerFactory to new MicrometerMetricsTrackerFactory(Metrics.globalRegistry) yourself");
        }
    }

    private static Class<?> superclassNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
