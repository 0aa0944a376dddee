package dev.obs.metrics.internal;

import dev.obs.context.RequestContext;
import dev.obs.http.HttpServerRequest;
import dev.obs.spi.HttpServerCall;
import dev.obs.spi.HttpServerObserver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.noop.NoopTimer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * RED metrics of server requests, named by the OpenTelemetry HTTP semantic conventions:
 * {@code http.server.request.duration} (a histogram in seconds with the conventions' bucket
 * boundaries) and {@code http.server.active_requests}.
 */
public final class HttpServerMetrics implements HttpServerObserver {

    public static final String DURATION = "http.server.request.duration";
    public static final String ACTIVE = "http.server.active_requests";

    /** The bucket boundaries the semantic conventions advise for {@code http.server.request.duration}. */
    static final Duration[] BUCKETS = seconds(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10);

    /** The methods the conventions know (RFC 9110 and PATCH); anything else is {@code _OTHER}, so the label stays bounded. */
    static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "_OTHER"};
    private static final int OTHER = METHODS.length - 1;
    private static final String[] SCHEMES = {"http", "https"};

    /** Caches at most this many timers; past it (only when the cardinality cap is high) lookups go through Micrometer. */
    private static final int MAX_CACHED_TIMERS = 10_000;
    private static final int MAX_TIMERS_PER_ROUTE = 64;
    private static final String[] STATUS_CODES = new String[600];

    static {
        for (int i = 0; i < STATUS_CODES.length; i++) {
            STATUS_CODES[i] = Integer.toString(i);
        }
    }

    private final MeterRegistry registry;
    private final Map<String, RouteTimers> timers = new ConcurrentHashMap<>();
    private final AtomicLong cachedTimers = new AtomicLong();
    private final AtomicReferenceArray<SlotCall> active = new AtomicReferenceArray<>(METHODS.length * SCHEMES.length);

    public HttpServerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private static Duration[] seconds(double... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
        }
        return out;
    }

    @Override
    public HttpServerCall onStart(HttpServerRequest request, RequestContext context) {
        int method = methodIndex(request.method());
        SlotCall call = slot(method, "https".equals(request.scheme()) ? 1 : 0);
        call.inFlight.incrementAndGet();
        return call; // one per method and scheme, shared by their requests: nothing per request
    }

    /** The end of every request of one method and scheme. */
    private final class SlotCall implements HttpServerCall {
        final AtomicLong inFlight;
        private final int method;

        SlotCall(AtomicLong inFlight, int method) {
            this.inFlight = inFlight;
            this.method = method;
        }

        @Override
        public void onEnd(String route, int status, Throwable error, long durationNanos) {
            inFlight.decrementAndGet();
            timer(METHODS[method], route == null ? "" : route, status, errorType(status, error))
                    .record(durationNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The index of {@code method} in {@link #METHODS}; methods are case-sensitive, so {@code get} is {@code _OTHER}. */
    static int methodIndex(String method) {
        if (method != null) {
            for (int i = 0; i < OTHER; i++) {
                if (METHODS[i].equals(method)) {
                    return i;
                }
            }
        }
        return OTHER;
    }

    /** The convention's {@code error.type}: the exception's class name, else the status code of a 5xx, else empty (no error). */
    static String errorType(int status, Throwable error) {
        if (error != null) {
            return error.getClass().getName();
        }
        return status >= 500 ? statusCode(status) : "";
    }

    private static String statusCode(int status) {
        return status >= 0 && status < STATUS_CODES.length ? STATUS_CODES[status] : Integer.toString(status);
    }

    private SlotCall slot(int method, int scheme) {
        int slot = method * SCHEMES.length + scheme;
        SlotCall call = active.get(slot);
        if (call != null) {
            return call;
        }
        AtomicLong created = new AtomicLong();
        if (!active.compareAndSet(slot, null, new SlotCall(created, method))) {
            return active.get(slot);
        }
        Gauge.builder(ACTIVE, created, AtomicLong::get)
                .description("Number of HTTP server requests in flight.")
                .tags("http.request.method", METHODS[method], "url.scheme", SCHEMES[scheme])
                .strongReference(true)
                .register(registry);
        return active.get(slot);
    }

    private Timer timer(String method, String route, int status, String errorType) {
        RouteTimers cached = timers.get(route);
        Timer timer = cached == null ? null : cached.find(method, status, errorType);
        if (timer != null) {
            return timer;
        }
        timer = Timer.builder(DURATION)
                .description("Duration of HTTP server requests.")
                .tags("http.request.method", method, "http.route", route,
                        "http.response.status_code", statusCode(status), "error.type", errorType)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
        // A no-op timer means the cardinality cap denied it: asking again lets the guard count each loss.
        if (!(timer instanceof NoopTimer) && cachedTimers.get() < MAX_CACHED_TIMERS) {
            timers.computeIfAbsent(route, r -> new RouteTimers()).add(method, status, errorType, timer);
        }
        return timer;
    }

    /**
     * The timers of one route, found without allocating: a route has few (a method or two, a few
     * statuses), so a scan of a small array beats a key object per request.
     */
    private final class RouteTimers {
        private volatile Entry[] entries = new Entry[0];

        Timer find(String method, int status, String errorType) {
            for (Entry entry : entries) {
                if (entry.status == status && entry.method.equals(method) && entry.errorType.equals(errorType)) {
                    return entry.timer;
                }
            }
            return null;
        }

        synchronized void add(String method, int status, String errorType, Timer timer) {
            if (entries.length >= MAX_TIMERS_PER_ROUTE || find(method, status, errorType) != null) {
                return; // past it, found through Micrometer each time (many exception types on one route)
            }
            Entry[] next = java.util.Arrays.copyOf(entries, entries.length + 1);
            next[next.length - 1] = new Entry(method, status, errorType, timer);
            entries = next;
            cachedTimers.incrementAndGet();
        }
    }

    private record Entry(String method, int status, String errorType, Timer timer) {
    }
}
