package dev.obs.examples.jetty;

import dev.obs.Observability;
import dev.obs.servlet.ObsServletFilter;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An order service on embedded Jetty 12, observed by obs-servlet. What differs from the quickstart
 * (the JDK's server):
 * <ul>
 *   <li>the filter is {@link ObsServletFilter}, registered on the servlet context for REQUEST and
 *       ASYNC, async supported, instead of {@code obs.httpServerFilter()} per JDK context;</li>
 *   <li>route templates: the servlet names them with {@code dev.obs.servlet.HttpRoute.set(request, ...)},
 *       and without one the servlet mapping ({@code /orders/*}) is the route, never the raw path;</li>
 *   <li>an asynchronous endpoint ({@code GET /orders/{id}/receipt}) is observed until it completes on
 *       another thread, and the work on Jetty's executor carries the request's context;</li>
 *   <li>{@code /healthz} for the load balancer is a noise route ({@code obs.http.ignore.routes}):
 *       a request ID, but no span, access line or metric series;</li>
 *   <li>every request writes one access log line ({@code obs.access}) when it ends.</li>
 * </ul>
 *
 * Run it with {@code ./mvnw -pl examples/jetty-service -am compile exec:java} (port {@code PORT}, 8080 by default).
 */
public final class JettyServiceApp {

    private JettyServiceApp() {
    }

    public static void main(String[] args) throws Exception {
        Observability.builder().serviceName("orders-jetty").set("obs.http.ignore.routes", "/healthz").install();
        Server server = start(Integer.parseInt(System.getenv().getOrDefault("PORT", "8080")), "0.0.0.0");
        server.join();
    }

    /** Starts the service on {@code host:port} (0 picks a free port); obs must be installed first. */
    public static Server start(int port, String host) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(ObsServletFilter.class, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC))
                .setAsyncSupported(true);
        OrderStore store = new OrderStore();
        ServletHolder orders = new ServletHolder(new OrdersServlet(store));
        orders.setAsyncSupported(true);
        context.addServlet(orders, "/orders/*");
        context.addServlet(new ServletHolder(new HealthServlet()), "/healthz");
        server.setHandler(context);
        server.start();
        return server;
    }

    /** The port the started service listens on. */
    public static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }
}
