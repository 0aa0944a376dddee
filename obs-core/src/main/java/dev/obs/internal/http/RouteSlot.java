package dev.obs.internal.http;

import com.sun.net.httpserver.HttpExchange;

/**
 * The route template a handler named for the request on this thread. The filter opens a slot
 * around the handler; the JDK's exchange attributes cannot hold it, since they belong to the
 * context and so are shared by every request it serves.
 */
public final class RouteSlot {

    private static final ThreadLocal<RouteSlot> CURRENT = new ThreadLocal<>();

    private final HttpExchange exchange;
    private final RouteSlot previous;
    // Read when the request starts: the JDK's exchange asks its connection for the context, and a
    // keep-alive connection serves the client's next request (another context) as soon as this
    // response is complete, possibly before the filter has ended the observation.
    private final String contextPath;
    private String route;

    private RouteSlot(HttpExchange exchange, RouteSlot previous) {
        this.exchange = exchange;
        this.previous = previous;
        com.sun.net.httpserver.HttpContext context = exchange.getHttpContext();
        this.contextPath = context == null ? null : context.getPath();
    }

    /** Opens a slot for {@code exchange} on this thread, when its request starts; close it with {@link #close()}. */
    static RouteSlot open(HttpExchange exchange) {
        RouteSlot slot = new RouteSlot(exchange, CURRENT.get());
        CURRENT.set(slot);
        return slot;
    }

    void close() {
        CURRENT.set(previous); // not remove(): the thread's next request would allocate the entry again
    }

    public static void set(HttpExchange exchange, String route) {
        for (RouteSlot slot = CURRENT.get(); slot != null; slot = slot.previous) {
            if (slot.exchange == exchange) {
                slot.route = route;
                return;
            }
        }
        // Not served through obs's filter on this thread: nothing to name.
    }

    /**
     * The route of {@code exchange}'s request on this thread: the one a handler named, else its
     * context's path as it was when the request started; {@code null} outside obs's filter.
     */
    public static String get(HttpExchange exchange) {
        for (RouteSlot slot = CURRENT.get(); slot != null; slot = slot.previous) {
            if (slot.exchange == exchange) {
                return slot.route != null ? slot.route : slot.contextPath;
            }
        }
        return null;
    }
}
