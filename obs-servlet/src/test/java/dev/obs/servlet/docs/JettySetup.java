package dev.obs.servlet.docs;

import dev.obs.servlet.ObsServletFilter;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/** The Jetty 12 (ee10) set-up of docs/servlet.md, compiled and run by the tests. */
public final class JettySetup {

    private JettySetup() {
    }

    /** A servlet context whose every request obs observes; add the application's servlets to it. */
    public static ServletContextHandler observedContext() {
        // tag::jetty[]
        ServletContextHandler context = new ServletContextHandler("/");
        FilterHolder obs = context.addFilter(ObsServletFilter.class, "/*",
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        obs.setAsyncSupported(true);
        // end::jetty[]
        return context;
    }
}
