package dev.obs.logging;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.obs.Observability;
import dev.obs.context.ContextPropagation;
import dev.obs.spi.LogEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small service run in a child JVM by the integration tests: it installs obs, serves two requests
 * (one hops to a pool, one fails), logs around them, closes obs and reports the log events other
 * modules received on stderr.
 */
public final class SampleService {

    private static final Logger LOG = LoggerFactory.getLogger("com.acme.sample.Orders");

    public static void main(String[] args) throws Exception {
        // a service's main: it reads the environment ChildJvm gives it (the test's own OBS_* are removed there)
        Observability obs = Observability.builder().set("obs.admin.port", "0").serviceName("sample")
                .set("obs.env", "it").set("obs.service.version", "9.9.9").install();
        LOG.info("started");
        ExecutorService pool = ContextPropagation.wrap(Executors.newFixedThreadPool(2));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/orders", exchange -> {
            LOG.info("placing order for api_key=sk_live_abcdef123456");
            try {
                pool.submit(() -> LOG.info("pricing on the pool")).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException(e);
            }
            respond(exchange, "ok");
        }).getFilters().add(obs.httpServerFilter());
        server.createContext("/fail", exchange -> {
            throw new IllegalStateException("handler broke with password=hunter2");
        }).getFilters().add(obs.httpServerFilter());
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();

        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        for (String[] call : new String[][] {{"/orders", "it-req-1"}, {"/fail", "it-req-2"}}) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + call[0])).header("X-Request-ID", call[1]).build();
            client.send(request, HttpResponse.BodyHandlers.discarding());
        }
        pool.submit(() -> LOG.info("pool after the requests")).get(5, TimeUnit.SECONDS);
        LOG.info("requests done");
        server.stop(0);
        pool.shutdownNow();
        obs.close();
        for (LogEvent event : RecordingModule.EVENTS) {
            System.err.println("event: " + event.level() + " | " + event.message() + " | "
                    + (event.context() == null ? "-" : event.context().requestId()) + " | "
                    + (event.throwable() == null ? "-" : event.throwable().getClass().getSimpleName()));
        }
        System.exit(0);
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
