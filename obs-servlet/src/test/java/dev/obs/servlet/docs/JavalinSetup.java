package dev.obs.servlet.docs;

import dev.obs.servlet.HttpRoute;
import dev.obs.servlet.ObsServletFilter;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.function.Consumer;

/** The Javalin 7 set-up of docs/servlet.md, compiled and run by the tests. */
public final class JavalinSetup {

    private JavalinSetup() {
    }

    /** A Javalin app whose every request obs observes under its route template. */
    public static Javalin create(Consumer<JavalinConfig> routes) {
        // tag::javalin[]
        Javalin app = Javalin.create(config -> {
            config.jetty.modifyServletContextHandler(context -> context
                    .addFilter(ObsServletFilter.class, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC))
                    .setAsyncSupported(true));
            config.routes.beforeMatched(ctx -> HttpRoute.set(ctx.req(), ctx.endpoints().matchedHttpEndpoint().path));
            routes.accept(config); // the application's own: config.routes.get("/orders/{id}", ...)
        });
        // end::javalin[]
        return app;
    }
}
