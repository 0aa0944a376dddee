package dev.obs.logging.internal;

import dev.obs.config.Config;
import dev.obs.config.ConfigKey;
import dev.obs.context.RequestContext;
import dev.obs.http.HttpServerRequest;
import dev.obs.redact.Redactor;
import dev.obs.spi.HttpServerCall;
import dev.obs.spi.HttpServerObserver;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The access log: one line per observed request, written when it ends (whatever the server: the
 * JDK's, a Servlet container), with the method, route, status, duration, response size when known
 * and, redacted, the raw path and query. The request's IDs come with the context, as on every line.
 */
public final class AccessLog implements HttpServerObserver {

    /** Which requests get a line. */
    public enum Mode { ALL, ERRORS, OFF }

    public static final ConfigKey ACCESS = ConfigKey.of("obs.log.access", "all",
            "The access log, one line per request at its end (logger `obs.access`): `all`, `errors` (4xx/5xx and requests slower than `obs.traces.keep.slower.than`) or `off`.");

    /** The logger access lines are written to; its level can be set like any other's. */
    public static final String LOGGER = "obs.access";

    static final int MAX_PATH = 512;
    static final int MAX_QUERY = 1024;

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private final Mode mode;
    private final long slowNanos;
    private final Redactor redactor;

    public AccessLog(Mode mode, Duration slowerThan, Redactor redactor) {
        this.mode = mode;
        this.slowNanos = slowerThan.isZero() || slowerThan.isNegative() ? Long.MAX_VALUE : slowerThan.toNanos();
        this.redactor = redactor;
    }

    /** Reads {@code obs.log.access}; a bad value fails {@code install()} naming the key. */
    public static Mode mode(Config config) {
        return config.getEnum(ACCESS.name(), Mode.class);
    }

    @Override
    public HttpServerCall onStart(HttpServerRequest request, RequestContext context) {
        if (mode == Mode.OFF || !log.isInfoEnabled()) {
            return null;
        }
        return (route, status, error, durationNanos) -> end(request, route, status, error, durationNanos);
    }

    private void end(HttpServerRequest request, String route, int status, Throwable error, long durationNanos) {
        boolean failed = status >= 400 || error != null;
        if (mode == Mode.ERRORS && !failed && durationNanos <= slowNanos) {
            return;
        }
        String method = method(request.method());
        LoggingEventBuilder line = log.atInfo()
                .addKeyValue("method", method)
                .addKeyValue("route", route)
                .addKeyValue("status", status)
                .addKeyValue("duration_ms", Math.round(durationNanos / 1_000_00.0) / 10.0);
        long size = request.responseBodySize();
        if (size >= 0) {
            line = line.addKeyValue("response_size", size);
        }
        String path = request.path();
        if (path != null) {
            line = line.addKeyValue("path", redactor.redact(bounded(path, MAX_PATH)));
        }
        String query = request.query();
        if (query != null && !query.isEmpty()) {
            line = line.addKeyValue("query", redactQuery(bounded(query, MAX_QUERY)));
        }
        line.log(method + " " + route + " " + status);
    }

    private static String method(String method) {
        switch (method) {
            case "GET": case "POST": case "PUT": case "DELETE": case "PATCH": case "HEAD": case "OPTIONS":
            case "TRACE": case "CONNECT":
                return method;
            default:
                String upper = method.toUpperCase(Locale.ROOT);
                return upper.equals(method) || upper.length() > 16 ? "_OTHER" : method(upper);
        }
    }

    private static String bounded(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max) + "...";
    }

    /** The query with the values of sensitive parameters ({@code token=...}) and secrets in the rest masked. */
    String redactQuery(String query) {
        return redactor.redact(query);
    }
}
