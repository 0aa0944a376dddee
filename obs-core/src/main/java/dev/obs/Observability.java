package dev.obs;

import com.sun.net.httpserver.Filter;
import dev.obs.config.Config;
import dev.obs.internal.runtime.Installer;
import dev.obs.redact.Redactor;
import dev.obs.sampling.SamplingPolicy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The entry point of obs. Install it once in {@code main}; environment variables and system
 * properties decide the rest.
 *
 * <pre>{@code
 * public static void main(String[] args) throws IOException {
 *     Observability obs = Observability.install();
 *     HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
 *     server.createContext("/orders", ordersHandler).getFilters().add(obs.httpServerFilter());
 *     server.start();
 * }
 * }</pre>
 *
 * <p>{@code install()} starts every obs module on the class path (logging, metrics, tracing,
 * errors) and an admin HTTP server with {@code /health}, {@code /ready} and {@code /metrics}. It
 * never fails because a backend is missing or down; it fails at once, naming the key, on a
 * configuration value it cannot use. With {@code OBS_ENABLED=false} it returns a no-op instance.
 * A shutdown hook closes obs, flushing what is buffered.
 */
public interface Observability extends AutoCloseable {

    /**
     * Installs obs with configuration from defaults, the properties file named by
     * {@code OBS_CONFIG_FILE}, environment variables and system properties.
     *
     * <p>Once per process: a second call fails, and so does a call after {@link #close()} (obs is
     * not restarted; the message says where it was closed).
     *
     * @throws IllegalStateException if obs is already installed, or was installed and closed; its
     *         cause is the first call's stack (or the {@code close()} call's, whose cause is the first)
     * @throws dev.obs.config.ConfigException if a configuration value cannot be used
     */
    static Observability install() {
        return builder().install();
    }

    /**
     * A builder for settings given in code, which win over every other source.
     *
     * <pre>{@code
     * Observability obs = Observability.builder()
     *         .serviceName("orders")
     *         .set("obs.admin.port", "0")
     *         .install();
     * }</pre>
     */
    static Builder builder() {
        return new Builder();
    }

    /** The installed instance, or a no-op one that costs nothing; never installs anything. */
    static Observability current() {
        return Installer.current();
    }

    /**
     * Closes the installed instance and forgets it, so that a test can install again. For tests
     * only: production code installs once.
     */
    static void resetForTesting() {
        Installer.reset();
    }

    /** Whether this instance observes anything ({@code false} for the no-op instance). */
    boolean isEnabled();

    /** The service's name, version and environment. */
    ServiceInfo service();

    /** The configuration in effect. */
    Config config();

    /** The sampling policy every module follows. */
    SamplingPolicy sampling();

    /** The redaction policy every module applies. */
    Redactor redactor();

    /**
     * A filter for the JDK's HTTP server that gives each request a context (request ID, trace),
     * answers with {@code X-Request-ID}, lets every module observe the request, and turns a
     * handler's exception into a 500 without a stack trace in the body.
     *
     * <pre>{@code
     * server.createContext("/orders", handler).getFilters().add(obs.httpServerFilter());
     * }</pre>
     */
    Filter httpServerFilter();

    /** The port the admin server listens on, or {@code -1} when it is not running. */
    int adminPort();

    /**
     * Adds a check to {@code /ready}.
     *
     * <pre>{@code
     * obs.addReadinessCheck("database", () -> dataSource.getConnection().isValid(1));
     * }</pre>
     */
    void addReadinessCheck(String name, HealthCheck check);

    /**
     * A proxy of {@code implementation} that honours {@code @Traced} and {@code @Timed} on its
     * methods (or on the interface's), for code that cannot use build-time weaving.
     *
     * <pre>{@code
     * OrderService service = obs.instrument(OrderService.class, new DefaultOrderService(db));
     * }</pre>
     */
    <T> T instrument(Class<T> type, T implementation);

    /**
     * Runs {@code work} as a span named {@code spanName}, child of the current one.
     *
     * <pre>{@code
     * Quote quote = obs.trace("pricing.quote", () -> pricing.quote(order));
     * }</pre>
     */
    <T, E extends Throwable> T trace(String spanName, Work<T, E> work) throws E;

    /** Runs {@code work} as a span named {@code spanName}. */
    void trace(String spanName, Runnable work);

    /**
     * Runs {@code work} and records its duration in the timer {@code timerName}
     * ({@code "orders.import"} is exposed as {@code orders_import_seconds}).
     *
     * <pre>{@code
     * int imported = obs.time("orders.import", () -> importer.run(file));
     * }</pre>
     */
    <T, E extends Throwable> T time(String timerName, Work<T, E> work) throws E;

    /** Runs {@code work} and records its duration in the timer {@code timerName}. */
    void time(String timerName, Runnable work);

    /**
     * Flushes every module within {@code obs.shutdown.timeout} and stops the admin server.
     * Idempotent; also run by the shutdown hook.
     */
    @Override
    void close();

    /** A block of code that returns a value and may throw. */
    @FunctionalInterface
    interface Work<T, E extends Throwable> {
        T run() throws E;
    }

    /** Settings given in code; they win over every other source. */
    final class Builder {
        private final Map<String, String> values = new java.util.LinkedHashMap<>();
        private Map<String, String> environment;
        private Properties systemProperties;
        private Path configFile;
        private boolean shutdownHook = true;

        Builder() {
        }

        /** Sets {@code obs.service.name}. */
        public Builder serviceName(String name) {
            return set("obs.service.name", name);
        }

        /** Sets any configuration key, e.g. {@code set("obs.admin.port", "0")}. */
        public Builder set(String key, String value) {
            values.put(key, value);
            return this;
        }

        /** Reads this properties file (instead of the one named by {@code obs.config.file}). */
        public Builder configFile(Path file) {
            this.configFile = file;
            return this;
        }

        /** Reads these variables instead of the process environment (for tests). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** Reads these properties instead of the system properties (for tests). */
        public Builder systemProperties(Properties properties) {
            this.systemProperties = properties;
            return this;
        }

        /** Whether to close obs from a JVM shutdown hook; on by default. */
        public Builder shutdownHook(boolean register) {
            this.shutdownHook = register;
            return this;
        }

        /**
         * Installs obs for this process (once: see {@link Observability#install()}).
         *
         * @throws IllegalStateException if obs is already installed or was closed (its cause says where), or
         *         if {@code obs.admin.required} is true and the admin server cannot listen
         * @throws dev.obs.config.ConfigException if a configuration value cannot be used
         */
        public Observability install() {
            return Installer.install(new Installer.Settings(
                    Map.copyOf(values),
                    environment != null ? environment : System.getenv(),
                    systemProperties != null ? systemProperties : System.getProperties(),
                    configFile,
                    shutdownHook));
        }
    }
}
