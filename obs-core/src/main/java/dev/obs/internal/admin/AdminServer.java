package dev.obs.internal.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.obs.HealthCheck;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The admin HTTP server: {@code /health}, {@code /ready} and routes contributed by modules, on its
 * own two daemon threads so that it never competes with the service's request threads for long.
 * One context at {@code /} dispatches through {@link AdminRoutes}: exact paths, plus prefixes that a
 * module registered as such; any other path is 404.
 *
 * <p>Readiness checks are isolated from each other: each runs on its own thread, at most one run
 * per check at a time (concurrent probes share it), and a run that outlives the timeout is
 * cancelled (interrupted) and reported failing. A check that ignores the interrupt keeps its one
 * thread and reports failing until it returns; it never delays or fails the other checks, and
 * repeated probes start no further threads for it.
 */
public final class AdminServer {

    static final long CHECK_TIMEOUT_MILLIS = 2000;
    /** At most this many checks run at once; one thread per check that is running. */
    static final int MAX_CHECK_THREADS = 64;

    private final HttpServer server;
    private final ExecutorService executor;
    private final ExecutorService checkExecutor;
    private final Map<String, CheckRunner> readinessChecks = new ConcurrentHashMap<>();
    private final AdminRoutes routes = new AdminRoutes();

    private AdminServer(HttpServer server, ExecutorService executor, ExecutorService checkExecutor) {
        this.server = server;
        this.executor = executor;
        this.checkExecutor = checkExecutor;
    }

    /** Binds and starts; throws {@link IOException} when the address is taken. */
    public static AdminServer start(String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        ExecutorService executor = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(256), daemonThreads("obs-admin"), new ThreadPoolExecutor.AbortPolicy());
        // No queue: a check never waits behind another. One run per check at a time bounds the threads.
        ExecutorService checkExecutor = new ThreadPoolExecutor(0, MAX_CHECK_THREADS, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemonThreads("obs-health-check"), new ThreadPoolExecutor.AbortPolicy());
        server.setExecutor(executor);
        AdminServer admin = new AdminServer(server, executor, checkExecutor);
        admin.routes.exact("/health", admin::health);
        admin.routes.exact("/ready", admin::ready);
        server.createContext("/", admin::dispatch);
        server.start();
        return admin;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Serves {@code handler} at exactly {@code path}. */
    public void addRoute(String path, HttpHandler handler) {
        routes.exact(path, guarded(path, handler));
    }

    /** Serves {@code handler} at every path under {@code prefix} (which ends with {@code /}). */
    public void addPrefixRoute(String prefix, HttpHandler handler) {
        routes.prefix(prefix, guarded(prefix, handler));
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        HttpHandler handler = routes.find(exchange.getRequestURI().getRawPath());
        if (handler == null) {
            respond(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            return;
        }
        handler.handle(exchange);
    }

    private static HttpHandler guarded(String path, HttpHandler handler) {
        return exchange -> {
            try {
                handler.handle(exchange);
            } catch (RuntimeException | IOException e) {
                dev.obs.internal.context.ContextRegistry.diagnostics().warnOnce("admin-route-" + path,
                        "admin route " + path + " failed: " + e);
                if (exchange.getResponseCode() == -1) {
                    respond(exchange, 500, "text/plain; charset=utf-8", "internal error\n");
                }
            } finally {
                exchange.close();
            }
        };
    }

    public void addReadinessCheck(String name, HealthCheck check) {
        if (readinessChecks.putIfAbsent(name, new CheckRunner(check)) != null) {
            throw new IllegalArgumentException("a readiness check named \"" + name + "\" is already registered");
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        if (!allowOnlyGet(exchange)) {
            return;
        }
        respond(exchange, 200, "application/json", "{\"status\":\"UP\"}");
    }

    private void ready(HttpExchange exchange) throws IOException {
        if (!allowOnlyGet(exchange)) {
            return;
        }
        Map<String, Future<Boolean>> running = new LinkedHashMap<>();
        readinessChecks.forEach((name, runner) -> running.put(name, runner.run(checkExecutor)));
        List<String> failing = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHECK_TIMEOUT_MILLIS);
        for (Map.Entry<String, Future<Boolean>> entry : running.entrySet()) {
            Future<Boolean> result = entry.getValue();
            boolean healthy;
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                healthy = Boolean.TRUE.equals(result.get(left, TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                result.cancel(true); // interrupts the check; it stays failing until its thread returns
                healthy = false;
            } catch (ExecutionException | CancellationException e) {
                healthy = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                healthy = false;
            }
            if (!healthy) {
                failing.add(entry.getKey());
            }
        }
        failing.sort(null);
        if (failing.isEmpty()) {
            respond(exchange, 200, "application/json", "{\"status\":\"UP\"}");
        } else {
            StringBuilder body = new StringBuilder("{\"status\":\"DOWN\",\"failing\":[");
            for (int i = 0; i < failing.size(); i++) {
                body.append(i == 0 ? "" : ",").append('"').append(jsonEscape(failing.get(i))).append('"');
            }
            respond(exchange, 503, "application/json", body.append("]}").toString());
        }
    }

    private static boolean allowOnlyGet(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
        return false;
    }

    static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    /** One readiness check: at most one run at a time, shared by the probes that arrive meanwhile. */
    private static final class CheckRunner {
        private static final Future<Boolean> FAILED = CompletableFuture.completedFuture(false);

        private final HealthCheck check;
        private FutureTask<Boolean> current; // guarded by this
        private boolean threadBusy;          // guarded by this; true until the check's thread returns

        CheckRunner(HealthCheck check) {
            this.check = check;
        }

        synchronized Future<Boolean> run(ExecutorService executor) {
            if (current != null && !current.isDone()) {
                return current; // a run is under way: share it
            }
            if (threadBusy) {
                return FAILED; // the last run was cancelled but has not returned: still hanging
            }
            FutureTask<Boolean> task = new FutureTask<>(check::isHealthy);
            try {
                threadBusy = true;
                executor.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        synchronized (this) {
                            threadBusy = false;
                        }
                    }
                });
            } catch (RuntimeException rejected) {
                threadBusy = false;
                return FAILED;
            }
            current = task;
            return task;
        }
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
        checkExecutor.shutdownNow();
    }
}
