package dev.obs.instrument;

import dev.obs.annotation.Timed;
import dev.obs.annotation.Traced;
import dev.obs.internal.method.MethodObserverRegistry;
import dev.obs.spi.MethodObserver;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * What obs knows about one observed method, built once (when the woven class initialises, when a
 * proxy first sees the method, or when the programmatic API first sees a name) and then reused
 * for every call, so that a call pays no reflection.
 *
 * <pre>{@code
 * // what build-time weaving generates, in effect:
 * private static final ObservedMethod OBS$0 =
 *     ObservedMethod.of(OrderService.class, "placeOrder", "(Ljava/lang/String;)Lcom/acme/Order;");
 * }</pre>
 */
public final class ObservedMethod {

    private final Class<?> declaringClass;
    private final String className;
    private final String simpleClassName;
    private final String methodName;
    private final String spanName;
    private final String timerName;
    private final String timerDescription;
    private final List<String> timerExtraTags;
    private volatile Binding binding;

    /** Which observers apply, valid while the registry's version is unchanged. */
    private static final class Binding {
        final int version;
        final MethodObserver[] observers;

        Binding(int version, MethodObserver[] observers) {
            this.version = version;
            this.observers = observers;
        }
    }

    private ObservedMethod(Class<?> declaringClass, String className, String simpleClassName, String methodName,
                           String spanName, String timerName, String timerDescription, List<String> timerExtraTags) {
        this.declaringClass = declaringClass;
        this.className = className;
        this.simpleClassName = simpleClassName;
        this.methodName = methodName;
        this.spanName = spanName;
        this.timerName = timerName;
        this.timerDescription = timerDescription;
        this.timerExtraTags = timerExtraTags;
    }

    /**
     * The descriptor of a method found by name and JVM descriptor, reading its {@code @Traced} and
     * {@code @Timed} annotations (or its class's, for a public method).
     *
     * @throws IllegalArgumentException when the class declares no such method
     */
    public static ObservedMethod of(Class<?> declaringClass, String methodName, String jvmDescriptor) {
        for (Method method : declaringClass.getDeclaredMethods()) {
            if (method.getName().equals(methodName) && jvmDescriptor.equals(descriptorOf(method))) {
                return of(method);
            }
        }
        throw new IllegalArgumentException(declaringClass.getName() + " declares no method " + methodName + jvmDescriptor);
    }

    /** The descriptor of a method, reading its annotations (or its class's, for a public method). */
    public static ObservedMethod of(Method method) {
        return of(method, method.getDeclaringClass());
    }

    /**
     * The descriptor of {@code method} as implemented by {@code implementation}: annotations on the
     * implementing method and class win over those on the interface method.
     */
    public static ObservedMethod of(Method method, Class<?> implementation) {
        Method implMethod = method;
        if (implementation != method.getDeclaringClass()) {
            try {
                implMethod = implementation.getMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                implMethod = method;
            }
        }
        Traced traced = annotation(implMethod, method, Traced.class);
        Timed timed = annotation(implMethod, method, Timed.class);
        Class<?> owner = implementation;
        String simple = simpleName(owner);
        String spanName = traced == null ? null : traced.value().isEmpty() ? simple + "." + method.getName() : traced.value();
        String timerName = timed == null ? null : timed.value().isEmpty() ? "method.timed" : timed.value();
        return new ObservedMethod(owner, owner.getName(), simple, method.getName(), spanName, timerName,
                timed == null ? "" : timed.description(),
                timed == null ? List.of() : List.of(timed.extraTags()));
    }

    /**
     * The descriptor of a method woven at build time by {@code obs-maven-plugin}, from the annotation
     * values the weaver read from the class file. Unlike {@link #of(Class, String, String)} it needs no
     * reflection, so initialising the woven class loads no type named only in its method signatures.
     *
     * <pre>{@code
     * // a method annotated @Traced and @Timed("orders.place"):
     * ObservedMethod.woven(OrderService.class, "placeOrder", "", "orders.place", "", new String[0]);
     * }</pre>
     *
     * @param declaringClass   the woven class
     * @param methodName       the method's name
     * @param tracedValue      the {@code @Traced} value in effect, or {@code null} when the method is not traced
     * @param timedValue       the {@code @Timed} value in effect, or {@code null} when the method is not timed
     * @param timerDescription the {@code @Timed} description (empty when not timed)
     * @param timerExtraTags   the {@code @Timed} extra tags (empty when not timed)
     */
    public static ObservedMethod woven(Class<?> declaringClass, String methodName, String tracedValue, String timedValue,
                                       String timerDescription, String[] timerExtraTags) {
        String simple = simpleName(declaringClass);
        String spanName = tracedValue == null ? null : tracedValue.isEmpty() ? simple + "." + methodName : tracedValue;
        String timerName = timedValue == null ? null : timedValue.isEmpty() ? "method.timed" : timedValue;
        return new ObservedMethod(declaringClass, declaringClass.getName(), simple, methodName, spanName, timerName,
                timedValue == null || timerDescription == null ? "" : timerDescription,
                timedValue == null || timerExtraTags == null ? List.of() : List.of(timerExtraTags));
    }

    /**
     * A descriptor for a block of code run through the programmatic API.
     *
     * @param spanName  the span's name, or {@code null} for no span
     * @param timerName the timer's name, or {@code null} for no timer
     */
    public static ObservedMethod named(String spanName, String timerName) {
        if (spanName == null && timerName == null) {
            throw new IllegalArgumentException("a block needs a span name, a timer name, or both");
        }
        String name = spanName != null ? spanName : timerName;
        return new ObservedMethod(null, "", "", name, spanName, timerName, "", List.of());
    }

    private static <A extends java.lang.annotation.Annotation> A annotation(Method impl, Method declared, Class<A> type) {
        A found = impl.getAnnotation(type);
        if (found == null && declared != impl) {
            found = declared.getAnnotation(type);
        }
        if (found == null && Modifier.isPublic(impl.getModifiers())) {
            found = impl.getDeclaringClass().getAnnotation(type);
        }
        return found;
    }

    private static String simpleName(Class<?> type) {
        String simple = type.getSimpleName();
        if (!simple.isEmpty()) {
            return simple;
        }
        String name = type.getName();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** The JVM descriptor of a method, e.g. {@code (Ljava/lang/String;I)V}. */
    public static String descriptorOf(Method method) {
        StringBuilder out = new StringBuilder("(");
        for (Class<?> p : method.getParameterTypes()) {
            out.append(descriptorOf(p));
        }
        return out.append(')').append(descriptorOf(method.getReturnType())).toString();
    }

    private static String descriptorOf(Class<?> type) {
        if (type.isArray()) {
            return type.getName().replace('.', '/');
        }
        if (type.isPrimitive()) {
            if (type == int.class) return "I";
            if (type == long.class) return "J";
            if (type == boolean.class) return "Z";
            if (type == byte.class) return "B";
            if (type == char.class) return "C";
            if (type == short.class) return "S";
            if (type == float.class) return "F";
            if (type == double.class) return "D";
            return "V";
        }
        return "L" + type.getName().replace('.', '/') + ";";
    }

    /** The observers that apply to this method; recomputed only after an install or close. */
    public MethodObserver[] observers() {
        Binding b = binding;
        int version = MethodObserverRegistry.version();
        if (b == null || b.version != version) {
            b = new Binding(version, MethodObserverRegistry.applicableTo(this));
            binding = b;
        }
        return b.observers;
    }

    /** The class the method belongs to, or {@code null} for a programmatic block. */
    public Class<?> declaringClass() {
        return declaringClass;
    }

    /** The fully qualified class name ({@code code.namespace}), empty for a programmatic block. */
    public String className() {
        return className;
    }

    /** The simple class name, empty for a programmatic block. */
    public String simpleClassName() {
        return simpleClassName;
    }

    /** The method name ({@code code.function}), or the block's name. */
    public String methodName() {
        return methodName;
    }

    /** Whether calls are traced. */
    public boolean traced() {
        return spanName != null;
    }

    /** The span name, or {@code null} when not traced. */
    public String spanName() {
        return spanName;
    }

    /** Whether calls are timed. */
    public boolean timed() {
        return timerName != null;
    }

    /** The timer name in dotted form, or {@code null} when not timed. */
    public String timerName() {
        return timerName;
    }

    /** The timer's description; may be empty. */
    public String timerDescription() {
        return timerDescription;
    }

    /** Extra timer tags as alternating keys and values. */
    public List<String> timerExtraTags() {
        return timerExtraTags;
    }

    @Override
    public String toString() {
        return "ObservedMethod{" + (className.isEmpty() ? "" : className + ".") + methodName
                + (traced() ? ", span=" + spanName : "") + (timed() ? ", timer=" + timerName : "") + "}";
    }
}
