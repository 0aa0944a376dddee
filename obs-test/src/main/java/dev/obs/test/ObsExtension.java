package dev.obs.test;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.obs.Observability;
import dev.obs.metrics.ObsMetrics;
import dev.obs.test.internal.CapturedSpans;
import dev.obs.test.internal.CapturingAppender;
import java.lang.reflect.AnnotatedElement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The JUnit 5 extension behind {@link ObsTest}: before each test it installs obs in memory and
 * starts capturing; after it, it closes obs and forgets everything, so tests pass in any order.
 * Test and {@code @BeforeEach}/{@code @AfterEach} methods may take an {@link ObsCapture} or the
 * {@link Observability} parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * ObsExtension obs = ObsExtension.create()
 *         .withSampleRatio(0.5)
 *         .with("obs.log.level", "debug");
 *
 * @Test
 * void placesAnOrder() {
 *     service.placeOrder("c-1");
 *     assertThat(obs.capture()).timer("orders.place").hasCount(1);
 * }
 * }</pre>
 *
 * <p>Defaults: service {@value #DEFAULT_SERVICE_NAME}, environment {@code test}, every trace
 * sampled, no admin server, no Sentry, no JVM metrics, and environment variables and system
 * properties ignored. Spans are not sent over OTLP: an in-memory exporter takes the OTLP
 * exporter's place ({@code obs.traces.exporter=obs-test}), behind the same queue and redaction,
 * so the captured spans are exactly what OTLP would send. obs is one per process: a test class that registers this
 * extension itself must not run in parallel with other obs tests (see {@link ObsTest}).
 */
public final class ObsExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    /** The service name tests run under unless told otherwise. */
    public static final String DEFAULT_SERVICE_NAME = "test";

    /** The most log lines one test keeps; older ones are forgotten first. */
    public static final int DEFAULT_LOG_CAPACITY = 10_000;

    /** The JUnit resource lock that keeps tests installing obs from running at the same time. */
    public static final String RESOURCE_LOCK = "dev.obs.Observability";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ObsExtension.class);
    private static final String CAPTURE = "capture";

    private final Map<String, String> settings;
    private final boolean declarative;
    private volatile Running running;

    private record Running(Observability observability, ObsCapture capture, CapturingAppender appender, LoggerContext logback) {
    }

    /** Used by {@link ObsTest}; in code, use {@link #create()}. */
    public ObsExtension() {
        this(defaults(), true);
    }

    private ObsExtension(Map<String, String> settings, boolean declarative) {
        this.settings = Map.copyOf(settings);
        this.declarative = declarative;
    }

    /** An extension with the defaults, for {@code @RegisterExtension}. */
    public static ObsExtension create() {
        return new ObsExtension(defaults(), false);
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("obs.service.name", DEFAULT_SERVICE_NAME);
        defaults.put("obs.env", "test");
        defaults.put("obs.admin.enabled", "false");
        defaults.put("obs.admin.port", "0");
        defaults.put("obs.admin.host", "127.0.0.1");
        defaults.put("obs.traces.sample.ratio", "1.0");
        defaults.put("obs.traces.max.per.second", "0");
        defaults.put("obs.traces.endpoint", "");
        defaults.put("otel.exporter.otlp.traces.endpoint", "");
        defaults.put("obs.traces.exporter", CapturedSpans.NAME);
        defaults.put("sentry.dsn", "");
        defaults.put("obs.metrics.jvm.enabled", "false");
        defaults.put("obs.shutdown.timeout", "2s");
        return defaults;
    }

    /** Samples this share of traces ({@code 0.0} to {@code 1.0}) instead of all of them. */
    public ObsExtension withSampleRatio(double ratio) {
        return with("obs.traces.sample.ratio", Double.toString(ratio));
    }

    /** Runs the admin server on a free port of 127.0.0.1 ({@code observability().adminPort()}). */
    public ObsExtension withAdminServer() {
        return with("obs.admin.enabled", "true");
    }

    /** Sets the service name on every signal. */
    public ObsExtension withServiceName(String name) {
        return with("obs.service.name", name);
    }

    /** Sets any configuration key, as {@code Observability.builder().set(key, value)} does. */
    public ObsExtension with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(settings);
        copy.put(key, value);
        return new ObsExtension(copy, declarative);
    }

    /**
     * What the running test captured.
     *
     * @throws IllegalStateException outside a test (obs is installed per test)
     */
    public ObsCapture capture() {
        Running r = running;
        if (r == null) {
            throw new IllegalStateException("no test is running: obs is installed for each test, from before @BeforeEach "
                    + "to after @AfterEach; ObsCapture is not available in @BeforeAll, @AfterAll or field initialisers");
        }
        return r.capture();
    }

    /**
     * The obs instance of the running test.
     *
     * @throws IllegalStateException outside a test
     */
    public Observability observability() {
        return capture().observability();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (store.get(CAPTURE) != null) {
            throw new IllegalStateException("ObsExtension is registered twice for " + context.getDisplayName()
                    + " (@ObsTest and @RegisterExtension?); use one of them");
        }
        Map<String, String> effective = declarative ? fromAnnotation(context) : settings;
        // A test before this one may have installed obs and not reset it; this test owns obs now.
        Observability.resetForTesting();
        Observability.Builder builder = Observability.builder()
                .environment(Map.of())
                .systemProperties(new Properties())
                .shutdownHook(false);
        effective.forEach(builder::set);
        CapturedSpans.Exporter exported = CapturedSpans.prepare();
        Observability observability;
        try {
            observability = builder.install();
        } finally {
            if (!CapturedSpans.claimed(exported)) {
                exported = null; // obs.traces.exporter set to something else: spans are read from ObsTracing.recentSpans()
            }
        }

        CapturingAppender appender = null;
        LoggerContext logback = null;
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext loggerContext) {
            // Attached after install: obs's logging module resets an unconfigured Logback when it starts.
            logback = loggerContext;
            appender = new CapturingAppender(DEFAULT_LOG_CAPACITY);
            appender.setContext(logback);
            appender.start();
            logback.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        }
        ObsCapture capture = new ObsCapture(observability, appender, ObsMetrics.registry(), exported);
        Running r = new Running(observability, capture, appender, logback);
        store.put(CAPTURE, r);
        running = r;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Running r = context.getStore(NAMESPACE).remove(CAPTURE, Running.class);
        if (r == null) {
            return;
        }
        running = null;
        try {
            r.capture().freeze();
        } finally {
            if (r.appender() != null) {
                // Detached before obs closes: the next install must find Logback as obs left it.
                r.logback().getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(r.appender());
                r.appender().stop();
            }
            Observability.resetForTesting();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == ObsCapture.class || type == Observability.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Running r = extensionContext.getStore(NAMESPACE).get(CAPTURE, Running.class);
        if (r == null) {
            throw new ParameterResolutionException(parameterContext.getParameter().getType().getSimpleName()
                    + " is available to @Test, @BeforeEach and @AfterEach methods only: obs is installed for each test,"
                    + " not for the class (" + parameterContext.getDeclaringExecutable() + ")");
        }
        return parameterContext.getParameter().getType() == ObsCapture.class ? r.capture() : r.observability();
    }

    private Map<String, String> fromAnnotation(ExtensionContext context) {
        Optional<ObsTest> found = find(context.getTestMethod().orElse(null));
        for (Optional<Class<?>> type = context.getTestClass(); found.isEmpty() && type.isPresent();
                type = Optional.ofNullable(type.get().getEnclosingClass())) {
            found = find(type.get());
        }
        if (found.isEmpty()) {
            return settings;
        }
        ObsTest test = found.get();
        Map<String, String> out = new LinkedHashMap<>(settings);
        out.put("obs.service.name", test.serviceName());
        out.put("obs.traces.sample.ratio", Double.toString(test.sampleRatio()));
        out.put("obs.admin.enabled", Boolean.toString(test.adminServer()));
        for (String entry : test.config()) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("@ObsTest(config = \"" + entry + "\") is not key=value, e.g. \"obs.log.level=debug\"");
            }
            out.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        return out;
    }

    private static Optional<ObsTest> find(AnnotatedElement element) {
        return element == null ? Optional.empty() : AnnotationSupport.findAnnotation(element, ObsTest.class);
    }
}
