package dev.obs.servlet.docs;

import dev.obs.servlet.ObsServletFilter;
import jakarta.servlet.DispatcherType;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/** The embedded Tomcat 11 set-up of docs/servlet.md, compiled and run by the tests. */
public final class TomcatSetup {

    private TomcatSetup() {
    }

    /** A context whose every request obs observes; add the application's servlets to it. */
    public static Context observedContext(Tomcat tomcat) {
        // tag::tomcat[]
        Context context = tomcat.addContext("", null);
        FilterDef obs = new FilterDef();
        obs.setFilterName("obs");
        obs.setFilterClass(ObsServletFilter.class.getName());
        obs.setAsyncSupported("true");
        context.addFilterDef(obs);
        FilterMap everything = new FilterMap();
        everything.setFilterName("obs");
        everything.addURLPattern("/*");
        everything.setDispatcher(DispatcherType.REQUEST.name());
        everything.setDispatcher(DispatcherType.ASYNC.name());
        context.addFilterMapBefore(everything);
        // end::tomcat[]
        return context;
    }
}
