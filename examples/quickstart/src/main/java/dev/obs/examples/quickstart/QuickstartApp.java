package dev.obs.examples.quickstart;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.obs.Observability;
import dev.obs.http.HttpRoute;
import dev.obs.jdbc.ObsJdbc;
import dev.obs.tracing.TracedHttpClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quickstart: an order service on the JDK's HTTP server with every obs module on.
 *
 * <pre>
 * PORT=8080 OBS_ADMIN_PORT=9464 java -cp ... dev.obs.examples.quickstart.QuickstartApp [--load]
 * </pre>
 */
public final class QuickstartApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QuickstartApp.class);
    private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();

    private final Observability obs;
    private final HttpServer server;
    private final HikariDataSource dataSource;
    private final ExecutorService workers;

    private QuickstartApp(Observability obs, HttpServer server, HikariDataSource dataSource, ExecutorService workers) {
        this.obs = obs;
        this.server = server;
        this.dataSource = dataSource;
        this.workers = workers;
    }

    public static void main(String[] args) throws Exception {
        // Without it the JDK's HTTP server waits for delayed ACKs on keep-alive connections (about 40 ms a response).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Observability obs = Observability.builder().serviceName("quickstart").install();
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        QuickstartApp app = start(obs, port);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "quickstart-shutdown"));
        app.printWhereToLook();
        if (java.util.Arrays.asList(args).contains("--load") || "true".equalsIgnoreCase(System.getenv("QUICKSTART_LOAD"))) {
            LoadGenerator.startInBackground(app.baseUri(), 20);
        }
    }

    /** Starts the service on {@code port} (0 picks a free one) with an installed {@code obs}. */
    public static QuickstartApp start(Observability obs, int port) throws Exception {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl("jdbc:h2:mem:orders-" + INSTANCES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        pool.setPoolName("orders");
        pool.setMaximumPoolSize(8);
        HikariDataSource dataSource = new HikariDataSource(pool);
        // One line: a span, the db.client.operation.duration histogram and slow-query logs per statement,
        // and the pool's own metrics (hikaricp_connections_*) on /metrics.
        DataSource db = ObsJdbc.wrap(dataSource);
        obs.addReadinessCheck("database", () -> {
            try (Connection c = db.getConnection()) {
                return c.isValid(1);
            }
        });

        OrderRepository repository = new OrderRepository(db);
        repository.createSchema();
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        ExecutorService workers = Executors.newFixedThreadPool(16);
        server.setExecutor(workers);
        URI self = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        // The traced client carries traceparent and X-Request-ID to the pricing endpoint: one trace, two hops.
        OrderService orders = new OrderService(repository, new PricingClient(TracedHttpClient.wrap(HttpClient.newHttpClient()), self));

        server.createContext("/orders", exchange -> handleOrders(exchange, orders)).getFilters().add(obs.httpServerFilter());
        server.createContext("/pricing", QuickstartApp::handlePricing).getFilters().add(obs.httpServerFilter());
        server.createContext("/slow", QuickstartApp::handleSlow).getFilters().add(obs.httpServerFilter());
        server.createContext("/fail", exchange -> {
            throw new IllegalStateException("payment provider rejected card 4111 1111 1111 1111");
        }).getFilters().add(obs.httpServerFilter());
        server.start();
        return new QuickstartApp(obs, server, dataSource, workers);
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void printWhereToLook() {
        // The banner goes to stderr: stdout carries one JSON log event per line and nothing else.
        System.err.print(banner(server.getAddress().getPort(), obs.adminPort()));
    }

    /** What the service prints at start, on stderr; docs/getting-started.md shows it for the default ports. */
    static String banner(int port, int adminPort) {
        String base = "http://localhost:" + port;
        String admin = "http://localhost:" + adminPort;
        return "\n"
                + "quickstart is up: " + base + "\n"
                + "  console  " + admin + "/   (requests, spans, logs and errors on one page)\n"
                + "  metrics  " + admin + "/metrics\n"
                + "  health   " + admin + "/health   readiness " + admin + "/ready\n"
                + "  try      curl -i -X POST '" + base + "/orders?customer=c-42&sku=book&quantity=2'\n"
                + "           curl -i " + base + "/orders/1    curl -i " + base + "/slow    curl -i " + base + "/fail\n"
                + "  load     run again with --load to drive traffic for the dashboards\n"
                + "\n";
    }

    private static void handleOrders(HttpExchange exchange, OrderService orders) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        try {
            if (path.equals("/orders") && method.equals("POST")) {
                Map<String, String> query = query(exchange);
                Order order = orders.placeOrder(query.getOrDefault("customer", "anonymous"),
                        query.getOrDefault("sku", "book"), Integer.parseInt(query.getOrDefault("quantity", "1")));
                respond(exchange, 201, order.toJson());
            } else if (path.startsWith("/orders/") && method.equals("GET")) {
                HttpRoute.set(exchange, "/orders/{id}");
                Optional<Order> order = orders.findOrder(Long.parseLong(path.substring("/orders/".length())));
                if (order.isPresent()) {
                    respond(exchange, 200, order.get().toJson());
                } else {
                    respond(exchange, 404, "{\"error\":\"no such order\"}");
                }
            } else {
                respond(exchange, 404, "{\"error\":\"not found\"}");
            }
        } catch (NumberFormatException e) {
            log.warn("bad request: {}", e.getMessage());
            respond(exchange, 400, "{\"error\":\"bad number\"}");
        } catch (IllegalArgumentException e) {
            log.warn("rejected order: {}", e.getMessage());
            respond(exchange, 422, "{\"error\":\"invalid order\"}");
        } catch (Exception e) {
            throw new IllegalStateException("placing the order failed", e);
        }
    }

    private static void handlePricing(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange);
        String sku = query.getOrDefault("sku", "book");
        int quantity = Integer.parseInt(query.getOrDefault("quantity", "1"));
        long unit = 500 + Math.abs(sku.hashCode() % 2000);
        respond(exchange, 200, Long.toString(unit * quantity));
    }

    private static void handleSlow(HttpExchange exchange) throws IOException {
        // One request in five takes over a second: enough to show up on the P95 panel and in kept traces.
        long millis = ThreadLocalRandom.current().nextInt(5) == 0 ? 1000 + ThreadLocalRandom.current().nextInt(800)
                : ThreadLocalRandom.current().nextInt(50);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("slow endpoint took {} ms", millis);
        respond(exchange, 200, "{\"tookMillis\":" + millis + "}");
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> out = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdownNow();
        dataSource.close();
        obs.close();
    }
}
