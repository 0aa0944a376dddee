package dev.obs.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records every call of the annotated method as a span of kind INTERNAL.
 *
 * <pre>{@code
 * public class OrderService {
 *     @Traced                       // span "OrderService.placeOrder"
 *     public Order placeOrder(String customerId) { ... }
 *
 *     @Traced("inventory.reserve")  // span "inventory.reserve"
 *     void reserve(Order order) { ... }
 * }
 * }</pre>
 *
 * <p>The annotation takes effect when the class is woven at build time by {@code obs-maven-plugin},
 * or when calls go through a proxy made by {@link dev.obs.Observability#instrument(Class, Object)}.
 * On a type it applies to every public method the type declares. An exception that escapes the
 * method marks the span as failed and is recorded once; a method returning a
 * {@link java.util.concurrent.CompletionStage} ends its span when the stage completes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Traced {

    /** The span name; empty means {@code SimpleClassName.method}. */
    String value() default "";
}
