package dev.obs.jdbc.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;

/** What every proxy does alike: {@code unwrap}, {@code isWrapperFor}, the {@code Object} methods, plain delegation. */
final class Handlers {

    private Handlers() {
    }

    static final ClassLoader LOADER = Handlers.class.getClassLoader();

    /** Calls {@code method} on the driver's object, rethrowing what it threw as it was. */
    static Object delegate(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * The wrapper methods and {@code Object}'s, or {@link #NOT_HANDLED}. {@code unwrap(X)} returns
     * the proxy when it is an {@code X}, else the driver's answer; {@code equals} is identity of the proxy.
     */
    static Object common(Object proxy, Object target, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "unwrap" -> {
                if (args != null && args.length == 1 && args[0] instanceof Class<?> type) {
                    if (type.isInstance(proxy)) {
                        return proxy;
                    }
                    if (type.isInstance(target)) {
                        return target;
                    }
                    return delegate(target, method, args);
                }
                return NOT_HANDLED;
            }
            case "isWrapperFor" -> {
                if (args != null && args.length == 1 && args[0] instanceof Class<?> type) {
                    if (type.isInstance(proxy) || type.isInstance(target)) {
                        return Boolean.TRUE;
                    }
                    return delegate(target, method, args);
                }
                return NOT_HANDLED;
            }
            case "equals" -> {
                if (args != null && args.length == 1 && method.getParameterTypes()[0] == Object.class) {
                    return proxy == args[0];
                }
                return NOT_HANDLED;
            }
            case "hashCode" -> {
                if (args == null || args.length == 0) {
                    return System.identityHashCode(proxy);
                }
                return NOT_HANDLED;
            }
            case "toString" -> {
                if (args == null || args.length == 0) {
                    return target.toString();
                }
                return NOT_HANDLED;
            }
            default -> {
                return NOT_HANDLED;
            }
        }
    }

    static final Object NOT_HANDLED = new Object();

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(LOADER, new Class<?>[] {type}, handler);
    }

    static String safeMessage(Throwable error) {
        String message = SqlSanitizer.safeMessage(error.getMessage());
        return message == null ? null : message;
    }

    static boolean isSql(Throwable error) {
        return error instanceof SQLException;
    }
}
