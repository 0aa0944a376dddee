package dev.obs.internal.admin;

import com.sun.net.httpserver.HttpHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The admin server's routing table. A path is served only when it is registered exactly
 * ({@code /health} serves {@code /health}, not {@code /health/live} nor {@code /health/}), or when it
 * falls under a prefix that a module registered explicitly as one (a prefix ends with {@code /}, e.g.
 * {@code /console/}); the longest such prefix wins. Everything else is 404.
 */
public final class AdminRoutes {

    private final Map<String, HttpHandler> exact = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Map.Entry<String, HttpHandler>> prefixes = new CopyOnWriteArrayList<>();

    /** Serves {@code path} exactly; {@code path} starts with {@code /}. */
    public synchronized void exact(String path, HttpHandler handler) {
        checkPath(path);
        if (exact.containsKey(path)) {
            throw new IllegalArgumentException("admin route " + path + " is already taken");
        }
        exact.put(path, handler);
    }

    /** Serves every path that starts with {@code prefix}, which starts and ends with {@code /}. */
    public synchronized void prefix(String prefix, HttpHandler handler) {
        checkPath(prefix);
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("admin route prefix " + prefix + " must end with /, e.g. " + prefix + "/");
        }
        for (Map.Entry<String, HttpHandler> entry : prefixes) {
            if (entry.getKey().equals(prefix)) {
                throw new IllegalArgumentException("admin route prefix " + prefix + " is already taken");
            }
        }
        prefixes.add(Map.entry(prefix, handler));
    }

    /** The handler for a request path, or {@code null} for 404. */
    public HttpHandler find(String path) {
        HttpHandler handler = exact.get(path);
        if (handler != null) {
            return handler;
        }
        Map.Entry<String, HttpHandler> best = null;
        for (Map.Entry<String, HttpHandler> entry : prefixes) {
            if (path.startsWith(entry.getKey()) && (best == null || entry.getKey().length() > best.getKey().length())) {
                best = entry;
            }
        }
        return best == null ? null : best.getValue();
    }

    private static void checkPath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("an admin route is a path starting with /, not " + path);
        }
    }
}
