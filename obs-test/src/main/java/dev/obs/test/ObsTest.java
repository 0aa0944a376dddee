package dev.obs.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Runs each test with obs installed in memory and an {@link ObsCapture} of what it observed.
 * Nothing leaves the process: no OTLP export, no Sentry, no admin port unless asked; every trace
 * is sampled unless {@link #sampleRatio()} says otherwise; environment variables and system
 * properties are ignored, so a developer's {@code OTEL_EXPORTER_OTLP_ENDPOINT} cannot change a test.
 *
 * <pre>{@code
 * @ObsTest
 * class OrdersTest {
 *     @Test
 *     void placesAnOrder(ObsCapture capture) {
 *         capture.http("/orders", handler).post("/orders", "{\"sku\":\"A-1\"}");
 *         assertThat(capture).timer("orders.place").hasCount(1);
 *     }
 * }
 * }</pre>
 *
 * <p>obs is one per process, so tests with this annotation never run at the same time as each
 * other (they share a {@link ResourceLock}), even with JUnit's parallel execution on. For settings
 * in code, use {@code @RegisterExtension ObsExtension obs = ObsExtension.create()...} instead.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ObsExtension.class)
@ResourceLock(ObsExtension.RESOURCE_LOCK)
public @interface ObsTest {

    /** The share of traces sampled, {@code 0.0} to {@code 1.0}; all of them by default. */
    double sampleRatio() default 1.0;

    /** Whether to run the admin server (on a free port of 127.0.0.1, see {@code Observability.adminPort()}). */
    boolean adminServer() default false;

    /** The service name on every signal. */
    String serviceName() default ObsExtension.DEFAULT_SERVICE_NAME;

    /** Further settings as {@code key=value}, e.g. {@code "obs.log.level=debug"}. */
    String[] config() default {};
}
