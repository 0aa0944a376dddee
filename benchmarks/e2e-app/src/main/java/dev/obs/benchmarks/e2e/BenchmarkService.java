package dev.obs.benchmarks.e2e;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * The service the end-to-end run measures, on the JDK's HTTP server bound to 127.0.0.1:
 *
 * <ul>
 *   <li>{@code GET /hello}: a bare {@code hello}, the cheapest possible request;</li>
 *   <li>{@code GET /work}: about a millisecond of real work, an H2 query through HikariCP and a
 *       JSON response built from its rows ({@link OrderReport});</li>
 *   <li>{@code GET /health}: 200 once the database is loaded and the server is up; never observed,
 *       so that start-up polling does not count as traffic.</li>
 * </ul>
 *
 * <p>Settings, as {@code --name value} arguments or environment variables:
 * {@code --port}/{@code E2E_PORT} (default 8080), {@code --obs}/{@code E2E_OBS=true} installs obs
 * and puts its HTTP filter on {@code /hello} and {@code /work}, {@code --rows}/{@code E2E_WORK_ROWS}
 * sizes the table {@code /work} scans, {@code --threads}/{@code E2E_THREADS} runs handlers on a pool
 * of that many threads (0, the default, runs them on the server's dispatcher thread).
 *
 * <p>Run {@code -Dsun.net.httpserver.nodelay=true}: without it the JDK's server leaves Nagle's
 * algorithm on and keep-alive load measures the 40 ms delayed-ACK stall instead of the code.
 */
public final class BenchmarkService implements AutoCloseable {

    private static final byte[] HELLO = "hello\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEALTHY = "ok\n".getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;
    private final OrderReport report;
    private final ExecutorService handlers;

    private BenchmarkService(HttpServer server, OrderReport report, ExecutorService handlers) {
        this.server = server;
        this.report = report;
        this.handlers = handlers;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = Settings.read(args, System.getenv(), List.of("port", "obs", "rows", "threads"));
        int port = Integer.parseInt(settings.getOrDefault("port", "8080"));
        boolean withObs = Boolean.parseBoolean(settings.getOrDefault("obs", "false"));
        int rows = Integer.parseInt(settings.getOrDefault("rows", String.valueOf(OrderReport.DEFAULT_ROWS)));
        int threads = Integer.parseInt(settings.getOrDefault("threads", "0"));

        // Installed first, as a service would in main; the class is only loaded when asked for, so
        // the variants without obs run with no obs class on the class path at all.
        Filter obsFilter = withObs ? ObsInstallation.installAndGetFilter() : null;
        BenchmarkService service = start(port, obsFilter, rows, threads);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "benchmark-service-shutdown"));
        System.err.printf("benchmark service: http://127.0.0.1:%d (obs %s, %d rows, %s)%n",
                service.port(), withObs ? "installed" : "absent", rows,
                threads > 0 ? threads + " handler threads" : "handlers on the dispatcher thread");
    }

    /**
     * Loads the table and starts serving on 127.0.0.1:{@code port} (0 picks a free port).
     *
     * @param obsFilter put on {@code /hello} and {@code /work} when not null; the queries of
     *                  {@code /work} then go through obs-jdbc
     * @param threads handler threads; 0 runs handlers on the server's dispatcher thread
     */
    static BenchmarkService start(int port, Filter obsFilter, int rows, int threads) throws IOException, SQLException {
        // With obs, the queries go through obs-jdbc, as in a service that has it.
        OrderReport report = OrderReport.start(rows, obsFilter == null ? UnaryOperator.identity() : ObsInstallation::observed);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        ExecutorService handlers = threads > 0 ? Executors.newFixedThreadPool(threads) : null;
        server.setExecutor(handlers);
        observed(server.createContext("/hello", BenchmarkService::hello), obsFilter);
        observed(server.createContext("/work", report::handle), obsFilter);
        server.createContext("/health", BenchmarkService::health);
        server.start();
        return new BenchmarkService(server, report, handlers);
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        if (handlers != null) {
            handlers.shutdownNow();
        }
        report.close();
    }

    private static void observed(HttpContext context, Filter obsFilter) {
        if (obsFilter != null) {
            context.getFilters().add(obsFilter);
        }
    }

    private static void hello(HttpExchange exchange) throws IOException {
        respond(exchange, 200, "text/plain; charset=utf-8", HELLO);
    }

    private static void health(HttpExchange exchange) throws IOException {
        respond(exchange, 200, "text/plain; charset=utf-8", HEALTHY);
    }

    static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getRequestBody().close();
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
