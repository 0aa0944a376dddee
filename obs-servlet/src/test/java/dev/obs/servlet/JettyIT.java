package dev.obs.servlet;

import dev.obs.servlet.docs.JettySetup;
import jakarta.servlet.http.HttpServlet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The filter on embedded Jetty 12 (ee10), set up as docs/servlet.md says. */
class JettyIT extends ServletContainerContract {

    private Server server;

    @Override
    protected int start(Map<String, HttpServlet> observed, HttpServlet peek) throws Exception {
        server = startServer(observed, peek);
        return port(server);
    }

    static Server startServer(Map<String, HttpServlet> observed, HttpServlet peek) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(12, 4);
        threads.setName("jetty");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ServletContextHandler context = JettySetup.observedContext();
        observed.forEach((mapping, servlet) -> {
            ServletHolder holder = new ServletHolder(servlet);
            holder.setAsyncSupported(true);
            context.addServlet(holder, mapping);
        });
        ServletContextHandler plain = new ServletContextHandler("/plain");
        plain.addServlet(new ServletHolder(peek), "/peek");
        server.setHandler(new ContextHandlerCollection(context, plain));
        server.start();
        return server;
    }

    static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    protected void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }
}
