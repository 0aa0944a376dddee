package dev.obs.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Times every call of the annotated method with a histogram timer.
 *
 * <pre>{@code
 * @Timed("orders.place")   // exposed to Prometheus as orders_place_seconds
 * public Order placeOrder(String customerId) { ... }
 * }</pre>
 *
 * <p>The timer is tagged with the class, the method and the exception type ({@code none} when the
 * call returned normally). Like {@link Traced}, it takes effect through build-time weaving or an
 * {@link dev.obs.Observability#instrument(Class, Object) instrumented proxy}; on a type it applies
 * to every public method the type declares.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Timed {

    /** The timer name in dotted form; empty means {@code method.timed}, told apart by the class and method tags. */
    String value() default "";

    /** A description shown as the metric's help text. */
    String description() default "";

    /** Extra tags as alternating keys and values, fixed at build time: {@code {"tier", "gold"}}. */
    String[] extraTags() default {};
}
