package dev.obs.internal.runtime;

import dev.obs.instrument.MethodObservation;
import dev.obs.instrument.ObservedMethod;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A JDK proxy that runs annotated methods through {@link MethodObservation}. */
final class InstrumentedProxy implements InvocationHandler {

    private final Object target;
    private final Map<Method, ObservedMethod> observed = new ConcurrentHashMap<>();

    private InstrumentedProxy(Object target) {
        this.target = target;
    }

    static <T> T create(Class<T> type, T implementation) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface; proxies need one "
                    + "(for classes, use build-time weaving with obs-maven-plugin)");
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new InstrumentedProxy(implementation));
        return type.cast(proxy);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            switch (method.getName()) {
                case "equals": return proxy == args[0];
                case "hashCode": return System.identityHashCode(proxy);
                case "toString": return "obs-instrumented " + target;
                default: return invokeTarget(method, args);
            }
        }
        ObservedMethod descriptor = observed.computeIfAbsent(method, m -> ObservedMethod.of(m, target.getClass()));
        if (!descriptor.traced() && !descriptor.timed()) {
            return invokeTarget(method, args);
        }
        Object call = MethodObservation.enter(descriptor);
        Object result;
        try {
            result = invokeTarget(method, args);
        } catch (Throwable t) {
            MethodObservation.exit(call, null, t);
            throw t;
        }
        MethodObservation.exit(call, result, null);
        return result;
    }

    private Object invokeTarget(Method method, Object[] args) throws Throwable {
        if (!Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
            // A package-private interface or class is fine for the user's own calls; let the proxy make them too.
            method.trySetAccessible();
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
