package dev.obs.maven.testing;

import dev.obs.Observability;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Properties;

/**
 * Runs woven fixture classes in a JVM of their own (the JDK they were compiled for) and prints what
 * the recording observer saw, one event a line, for the calling test to assert on.
 */
public final class WovenFixtureMain {

    private WovenFixtureMain() {
    }

    public static void main(String[] args) throws Exception {
        Observability.builder().environment(Map.of()).systemProperties(new Properties()).set("obs.admin.port", "0").shutdownHook(false).install();
        System.out.println("java " + System.getProperty("java.specification.version"));
        Class<?> orders = Class.forName("fx.Orders");
        Object instance = orders.getConstructor().newInstance();
        System.out.println("returned " + orders.getMethod("place", String.class).invoke(instance, "c25"));
        Class<?> modern = Class.forName("fx.Modern");
        Object describer = modern.getConstructor().newInstance();
        System.out.println("returned " + modern.getMethod("describe", Object.class).invoke(describer, 5));
        System.out.println("returned " + modern.getMethod("describe", Object.class).invoke(describer, "x"));
        try {
            orders.getMethod("checked").invoke(instance);
        } catch (InvocationTargetException e) {
            StackTraceElement top = e.getCause().getStackTrace()[0];
            System.out.println("thrown " + e.getCause().getClass().getName() + " at " + top.getMethodName() + ":" + top.getLineNumber());
        }
        RecordingModule.EVENTS.forEach(event -> System.out.println("event " + event));
        Observability.current().close();
    }
}
