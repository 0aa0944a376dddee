package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.servlet.docs.ServletApiSetup;
import dev.obs.test.ObsCapture;
import dev.obs.test.ObsTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * The Servlet-API set-up of docs/servlet.md (what Undertow, Spring MVC and Dropwizard run), done by
 * a {@code ServletContainerInitializer} on a real container.
 */
@ObsTest
class ServletApiSetupIT {

    @Test
    void theFilterRegisteredThroughTheServletApiObservesRequests(ObsCapture capture) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServletContainerInitializer(new ServletApiSetup());
        context.addServlet(new ServletHolder(new TestServlets.Orders()), "/orders/*");
        server.setHandler(context);
        server.start();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/orders/3")).header("X-Request-ID", "api-1").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Request-ID")).hasValue("api-1");
            ServletContainerContract.eventually(() ->
                    assertThat(ServletContainerContract.serverSpan(capture, "api-1").getName()).isEqualTo("GET /orders/{id}"));
            ServletContainerContract.assertAccessLine(capture, "api-1", "/orders/{id}", 200);
        } finally {
            server.stop();
        }
    }
}
