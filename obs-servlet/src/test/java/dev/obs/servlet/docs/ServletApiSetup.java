package dev.obs.servlet.docs;

import dev.obs.servlet.ObsServletFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * The set-up through the Servlet API alone, as docs/servlet.md shows it for Undertow, Spring MVC's
 * {@code WebApplicationInitializer} and Dropwizard: compiled here and run on Jetty by the tests.
 */
public final class ServletApiSetup implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext servletContext) {
        register(servletContext);
    }

    public static void register(ServletContext servletContext) {
        // tag::servlet-api[]
        FilterRegistration.Dynamic obs = servletContext.addFilter("obs", ObsServletFilter.class);
        obs.setAsyncSupported(true);
        obs.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
        // end::servlet-api[]
    }
}
