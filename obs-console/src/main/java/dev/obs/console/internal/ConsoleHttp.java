package dev.obs.console.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.obs.config.Config;
import dev.obs.redact.Redactor;
import dev.obs.sampling.SamplingPolicy;
import dev.obs.spi.ErrorEvent;
import dev.obs.spi.FinishedSpan;
import dev.obs.spi.LogLine;
import dev.obs.spi.ModuleContext;
import dev.obs.spi.SelfMetric;
import dev.obs.spi.SelfMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Serves the console on the admin port: the page and its two static files, and the JSON API under
 * {@code /console/api/}. Read-only: only GET and HEAD are answered; nothing can be changed from
 * here. With a token set, every request must carry it.
 */
final class ConsoleHttp implements HttpHandler {

    static final String COOKIE = "obs_console_token";
    static final String API = "/console/api/";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final ConsoleSettings settings;
    private final ModuleContext context;
    private final ConsoleStore store;
    private final RedStats red;
    private final ObsHealth health;
    private final byte[] token;
    private final Map<String, Asset> assets = new HashMap<>();

    private record Asset(String contentType, byte[] bytes) {
    }

    ConsoleHttp(ConsoleSettings settings, ModuleContext context, ConsoleStore store, RedStats red) {
        this.settings = settings;
        this.context = context;
        this.store = store;
        this.red = red;
        this.health = new ObsHealth(context);
        this.token = settings.token().isEmpty() ? null : settings.token().getBytes(StandardCharsets.UTF_8);
        Asset index = load("index.html", "text/html; charset=utf-8");
        assets.put("/", index);
        assets.put("/index.html", index);
        assets.put("/console/console.js", load("console.js", "text/javascript; charset=utf-8"));
        assets.put("/console/console.css", load("console.css", "text/css; charset=utf-8"));
    }

    private static Asset load(String name, String contentType) {
        try (InputStream in = ConsoleHttp.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("obs-console is missing its resource " + name + "; the jar is damaged");
            }
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("obs-console could not read its resource " + name, e);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Frame-Options", "DENY");
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            headers.set("Allow", "GET, HEAD");
            send(exchange, 405, "text/plain; charset=utf-8", "the obs console is read-only: only GET and HEAD\n");
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (token != null && !authorised(exchange, query)) {
            headers.set("WWW-Authenticate", "Bearer realm=\"obs console\"");
            send(exchange, 401, "text/plain; charset=utf-8", "the obs console needs its token (obs.console.token): "
                    + "open /?token=... once, or send Authorization: Bearer ...\n");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        Asset asset = assets.get(path);
        if (asset != null) {
            if (token != null && query.containsKey("token")) {
                headers.add("Set-Cookie", COOKIE + "=" + settings.token() + "; Path=/; HttpOnly; SameSite=Strict");
            }
            send(exchange, 200, asset.contentType(), asset.bytes());
            return;
        }
        if (!path.startsWith(API)) {
            send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            return;
        }
        long now = System.currentTimeMillis();
        String body;
        switch (path.substring(API.length())) {
            case "overview": body = overview(now); break;
            case "red": body = red(now); break;
            case "requests": body = requests(query); break;
            case "request":
                body = request(query.getOrDefault("id", ""));
                if (body == null) {
                    send(exchange, 404, "application/json", "{\"error\":\"no such request is held: it may have been evicted\"}");
                    return;
                }
                break;
            case "errors": body = errors(); break;
            case "jvm": body = jvm(); break;
            default:
                send(exchange, 404, "application/json", "{\"error\":\"no such API\"}");
                return;
        }
        send(exchange, 200, "application/json", body);
    }

    private boolean authorised(HttpExchange exchange, Map<String, String> query) {
        String given = query.get("token");
        if (given == null) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                given = auth.substring(7).trim();
            }
        }
        if (given == null) {
            List<String> cookies = exchange.getRequestHeaders().get("Cookie");
            if (cookies != null) {
                for (String header : cookies) {
                    for (String cookie : header.split(";")) {
                        String c = cookie.trim();
                        if (c.startsWith(COOKIE + "=")) {
                            given = c.substring(COOKIE.length() + 1);
                        }
                    }
                }
            }
        }
        return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    private String overview(long now) {
        SamplingPolicy sampling = context.sampling();
        Json json = new Json().object();
        json.field("service", context.service().name()).field("version", context.service().version())
                .field("environment", context.service().environment()).field("now", now);
        json.name("modules").object();
        for (String pillar : List.of("logging", "metrics", "tracing", "errors")) {
            json.field(pillar, context.moduleNames().contains(pillar));
        }
        json.endObject();
        json.name("sampling").object().field("ratio", sampling.ratio()).field("maxPerSecond", maxTracesPerSecond())
                .field("keepErrors", sampling.keepErrors()).field("keepSlowerThanMillis", sampling.keepSlowerThan().toMillis())
                .endObject();
        json.field("slowMillis", settings.slow().toMillis());
        json.field("tokenProtected", token != null);
        json.name("memory").object();
        store.usage().forEach(json::field);
        json.endObject();
        return json.endObject().toString();
    }

    private String red(long now) {
        Json json = new Json().object().name("routes").array();
        for (RedStats.RouteRed route : red.snapshot(now)) {
            json.object().field("route", route.route());
            window(json.name("lastMinute"), route.lastMinute());
            window(json.name("last15Minutes"), route.last15Minutes());
            json.endObject();
        }
        return json.endArray().endObject().toString();
    }

    private static void window(Json json, RedStats.Window w) {
        json.object().field("count", w.count()).field("errors", w.errors()).field("ratePerSecond", w.ratePerSecond())
                .field("errorShare", w.count() == 0 ? Double.NaN : (double) w.errors() / w.count())
                .field("p50Millis", w.p50Millis()).field("p95Millis", w.p95Millis()).field("p99Millis", w.p99Millis())
                .endObject();
    }

    private String requests(Map<String, String> query) {
        Predicate<ConsoleStore.Request> filter = r -> true;
        String route = query.getOrDefault("route", "");
        if (!route.isEmpty()) {
            filter = filter.and(r -> route.equals(r.route) || route.equals(r.method + " " + r.route));
        }
        String status = query.getOrDefault("status", "").toLowerCase(Locale.ROOT);
        if (status.matches("[1-5]xx")) {
            int hundreds = status.charAt(0) - '0';
            filter = filter.and(r -> r.status / 100 == hundreds);
        } else if (status.equals("failed")) {
            filter = filter.and(ConsoleStore.Request::failed);
        }
        if ("true".equals(query.get("slow"))) {
            long slowNanos = settings.slow().toNanos();
            filter = filter.and(r -> r.status >= 0 && r.durationNanos >= slowNanos);
        }
        String q = query.getOrDefault("q", "").trim();
        if (!q.isEmpty()) {
            String lower = q.toLowerCase(Locale.ROOT);
            filter = filter.and(r -> q.equals(r.requestId) || lower.equals(r.traceId));
        }
        int limit = 100;
        try {
            limit = Math.max(1, Math.min(1000, Integer.parseInt(query.getOrDefault("limit", "100"))));
        } catch (NumberFormatException ignored) {
            // the default
        }
        Json json = new Json().object().name("requests").array();
        for (ConsoleStore.Request r : store.recent(filter, limit)) {
            request(json, r);
        }
        return json.endArray().endObject().toString();
    }

    private void request(Json json, ConsoleStore.Request r) {
        json.object().field("requestId", r.requestId).field("traceId", r.traceId).field("method", r.method)
                .field("route", r.route).field("status", r.status).field("inProgress", r.status < 0)
                .field("durationMillis", r.durationNanos / 1e6).field("time", r.startMillis).field("sampled", r.sampled)
                .field("failed", r.failed()).field("slow", r.status >= 0 && r.durationNanos >= settings.slow().toNanos())
                .field("errorType", r.errorType).endObject();
    }

    private String request(String id) {
        ConsoleStore.RequestView view = id.isEmpty() ? null : store.find(id);
        if (view == null) {
            return null;
        }
        Json json = new Json().object();
        request(json.name("request"), view.request());
        json.name("spans").object();
        json.field("recorded", !view.spans().isEmpty());
        json.field("note", spansNote(view));
        json.name("items").array();
        for (FinishedSpan span : view.spans()) {
            json.object().field("spanId", span.spanId()).field("parentSpanId", span.parentSpanId())
                    .field("name", span.name()).field("kind", span.kind())
                    .field("startEpochNanos", span.startEpochNanos()).field("endEpochNanos", span.endEpochNanos())
                    .field("error", span.error());
            json.name("attributes").object();
            span.attributes().forEach(json::field);
            json.endObject().endObject();
        }
        json.endArray().endObject();
        json.name("logs").object().field("available", context.moduleNames().contains("logging"))
                .field("dropped", view.droppedLines()).name("items").array();
        for (LogLine line : view.lines()) {
            json.rawObject(line.json());
        }
        json.endArray().endObject();
        json.name("errors").object().field("available", context.moduleNames().contains("errors")).name("items").array();
        for (ErrorEvent e : view.errors()) {
            json.object().field("type", e.type()).field("message", e.message()).field("location", e.location())
                    .field("stackTrace", e.stackTrace()).field("time", e.epochMillis()).field("requestId", e.requestId())
                    .field("traceId", e.traceId()).field("eventId", e.eventId()).endObject();
        }
        return json.endArray().endObject().endObject().toString();
    }

    /** Says plainly why a request has no spans, or why it has some though it was not sampled. */
    private String spansNote(ConsoleStore.RequestView view) {
        ConsoleStore.Request r = view.request();
        SamplingPolicy sampling = context.sampling();
        if (!context.moduleNames().contains("tracing")) {
            return "Spans were not recorded: the tracing module (obs-tracing) is not installed.";
        }
        if (!view.spans().isEmpty()) {
            return r.sampled ? null : "This request was not sampled, but its spans were kept because it failed or was slow "
                    + "(keep-errors / keep-slow).";
        }
        if (r.status < 0) {
            return "The request is still in progress; its spans arrive when it ends.";
        }
        if (r.sampled) {
            return "The request was sampled, but no span of its trace has arrived (yet).";
        }
        StringBuilder why = new StringBuilder("Spans were not recorded: this request was not sampled (head sampling keeps ")
                .append(percent(sampling.ratio())).append(" of new traces");
        if (maxTracesPerSecond() > 0) {
            why.append(", at most ").append(maxTracesPerSecond()).append(" a second");
        }
        why.append(", and follows the caller's decision)");
        if (r.failed()) {
            why.append(sampling.keepErrors() ? ", and the keep-errors buffer did not hold it."
                    : "; it failed, but keeping the traces of failed requests is off (obs.traces.keep.errors=false).");
        } else if (sampling.keepSlowerThan().isZero()) {
            why.append("; keeping slow requests is off (obs.traces.keep.slower.than=0).");
        } else {
            why.append(", and it neither failed nor took ").append(sampling.keepSlowerThan().toMillis())
                    .append(" ms or more, so keep-errors/keep-slow did not keep it.");
        }
        return why.toString();
    }

    /** The cap on new traces per second, {@code obs.traces.max.per.second} (core's key); 0 is none. */
    private int maxTracesPerSecond() {
        return context.config().getInt("obs.traces.max.per.second", 0, 1_000_000);
    }

    private static String percent(double ratio) {
        double p = ratio * 100;
        return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + " %";
    }

    private String errors() {
        Json json = new Json().object().field("available", context.moduleNames().contains("errors")).name("groups").array();
        for (ConsoleStore.GroupView g : store.errorGroups()) {
            json.object().field("type", g.type()).field("location", g.location()).field("message", g.message())
                    .field("count", g.count()).field("firstSeen", g.firstSeenMillis()).field("lastSeen", g.lastSeenMillis())
                    .field("lastRequestId", g.lastRequestId()).field("lastTraceId", g.lastTraceId()).endObject();
        }
        return json.endArray().endObject().toString();
    }

    private String jvm() {
        Json json = new Json().object();
        JvmView.write(json);
        health.write(json);
        return json.endObject().toString();
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&", 32)) {
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(key, value.length() > 256 ? value.substring(0, 256) : value);
            } catch (IllegalArgumentException malformed) {
                // a bad escape: the parameter is ignored
            }
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : (body.length == 0 ? -1 : body.length));
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    /** obs's own counters and whether its exports work, read from core's self metrics. */
    static final class ObsHealth {
        private final ModuleContext context;
        private final Map<String, long[]> lastChange = new HashMap<>(); // id -> {value, millis when it last rose}

        ObsHealth(ModuleContext context) {
            this.context = context;
        }

        synchronized void write(Json json) {
            long now = System.currentTimeMillis();
            SelfMetrics metrics = context.selfMetrics();
            json.name("obsMetrics").array();
            Map<String, Long> risenAgo = new HashMap<>();
            for (SelfMetric m : metrics.all()) {
                String id = m.name() + m.tags();
                long value = (long) m.value();
                long[] seen = lastChange.get(id);
                if (seen == null) {
                    lastChange.put(id, new long[] {value, value > 0 ? now : 0});
                } else if (value > seen[0]) {
                    seen[0] = value;
                    seen[1] = now;
                }
                long[] s = lastChange.get(id);
                if (s[1] > 0) {
                    risenAgo.put(id, now - s[1]);
                }
                json.object().field("name", m.name()).field("kind", m.kind().name()).field("value", m.value());
                json.name("tags").object();
                List<String> tags = m.tags();
                for (int i = 0; i + 1 < tags.size(); i += 2) {
                    json.field(tags.get(i), tags.get(i + 1));
                }
                json.endObject().endObject();
            }
            json.endArray();
            json.name("exports").array();
            Config config = context.config();
            Redactor redactor = context.redactor();
            boolean tracing = context.moduleNames().contains("tracing");
            String endpoint = firstSet(config, "otel.exporter.otlp.traces.endpoint", "obs.traces.endpoint");
            export(json, "traces (OTLP)", tracing, endpoint == null ? null : redactor.redact(endpoint),
                    "spans stay in memory: no OTLP endpoint set", risenAgo, "obs.spans.dropped[reason, export_failed]",
                    "spans failed to export");
            boolean errors = context.moduleNames().contains("errors");
            String dsn = firstSet(config, "sentry.dsn");
            export(json, "errors (Sentry)", errors, dsn == null ? null : redactor.redact(dsn.replaceAll("//[^@/]*@", "//")),
                    "no SENTRY_DSN set: errors are counted and shown here, not sent", risenAgo, "obs.errors.dropped[reason, network_error]",
                    "events could not be delivered");
            boolean logging = context.moduleNames().contains("logging");
            export(json, "logs (stdout)", logging, "stdout", null, risenAgo, "obs.log.events.dropped[reason, queue_full]",
                    "log lines dropped, stdout is not keeping up");
            json.endArray();
        }

        private static void export(Json json, String name, boolean installed, String target, String unsetNote,
                                   Map<String, Long> risenAgo, String failureId, String failureText) {
            json.object().field("name", name).field("installed", installed);
            if (!installed) {
                json.field("status", "not installed").field("detail", "the module is not on the class path");
            } else if (target == null) {
                json.field("status", "local only").field("detail", unsetNote);
            } else {
                Long ago = risenAgo.get(failureId);
                if (ago != null && ago < 60_000) {
                    json.field("status", "failing").field("detail", failureText + " within the last minute; target " + target);
                } else {
                    json.field("status", "ok").field("detail", "no failures in the last minute; target " + target);
                }
            }
            json.endObject();
        }

        private static String firstSet(Config config, String... keys) {
            for (String key : keys) {
                boolean declared = config.keys().stream().anyMatch(k -> k.name().equals(key));
                if (declared) {
                    String value = config.find(key).orElse("").trim();
                    if (!value.isEmpty()) {
                        return value;
                    }
                }
            }
            return null;
        }
    }
}
