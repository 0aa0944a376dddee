package dev.obs.tracing.internal;

import dev.obs.config.Config;
import dev.obs.config.ConfigException;
import dev.obs.config.ConfigKey;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tracing module's configuration keys and the settings read from them. OpenTelemetry's own
 * names are used where they exist, so that a service configured for the OpenTelemetry SDK keeps
 * working; every value is checked here, so that a typo fails {@code install()} naming the key.
 */
public record TracingSettings(
        URI endpoint,
        URI tracesEndpoint,
        Protocol protocol,
        Map<String, String> headers,
        Duration timeout,
        String compression,
        int queueSize,
        Duration scheduleDelay,
        boolean registerGlobal,
        int memorySpans,
        int keepBufferSpans,
        Duration shutdownTimeout,
        String requestIdHeader,
        int attributeValueLengthLimit,
        String exporter) {

    /** The OTLP transports. */
    public enum Protocol {
        HTTP_PROTOBUF("http/protobuf"), GRPC("grpc");

        private final String value;

        Protocol(String value) {
            this.value = value;
        }

        /** The name OpenTelemetry uses, e.g. {@code http/protobuf}. */
        public String value() {
            return value;
        }
    }

    public static final ConfigKey ENDPOINT = ConfigKey.of("obs.traces.endpoint", "",
            "The OTLP base URL spans are exported to, e.g. `http://localhost:4318` (http/protobuf posts to `/v1/traces` below it) "
                    + "or `http://localhost:4317` (grpc); empty sends nothing and keeps recent spans in memory.",
            "otel.exporter.otlp.endpoint");
    public static final ConfigKey TRACES_ENDPOINT = ConfigKey.of("otel.exporter.otlp.traces.endpoint", "",
            "The full OTLP URL for spans, used as it is (no `/v1/traces` appended); wins over `obs.traces.endpoint`.");
    public static final ConfigKey PROTOCOL = ConfigKey.of("otel.exporter.otlp.protocol", "http/protobuf",
            "`http/protobuf` or `grpc` (grpc needs a gRPC sender on the class path, see tracing.md).");
    public static final ConfigKey HEADERS = ConfigKey.of("otel.exporter.otlp.headers", "",
            "Headers sent with every export as comma-separated `key=value` pairs, e.g. `authorization=Bearer ...`.");
    public static final ConfigKey TIMEOUT = ConfigKey.of("otel.exporter.otlp.timeout", "10s",
            "How long one export may take, retries with backoff included, before its spans are dropped and counted.");
    public static final ConfigKey COMPRESSION = ConfigKey.of("otel.exporter.otlp.compression", "gzip",
            "`gzip` or `none`.");
    public static final ConfigKey QUEUE_SIZE = ConfigKey.of("otel.bsp.max.queue.size", "2048",
            "Finished spans waiting for export (16 to 1048576); when full, spans are dropped and counted in `obs_spans_dropped_total{reason=\"queue_full\"}`.");
    public static final ConfigKey SCHEDULE_DELAY = ConfigKey.of("otel.bsp.schedule.delay", "5s",
            "How often queued spans are exported in a batch.");
    public static final ConfigKey REGISTER_GLOBAL = ConfigKey.of("obs.traces.register.global", "true",
            "Register obs's SDK as `GlobalOpenTelemetry`, so libraries instrumented with the OpenTelemetry API join the same traces.");
    public static final ConfigKey MEMORY_SPANS = ConfigKey.of("obs.traces.memory.spans", "1000",
            "How many recently finished sampled spans `ObsTracing.recentSpans()` keeps in memory (0 to 100000).");
    public static final ConfigKey KEEP_BUFFER_SPANS = ConfigKey.of("obs.traces.keep.buffer.spans", "2048",
            "Most spans of unsampled requests held until their request ends, to keep failed and slow ones (16 to 1048576); "
                    + "past it, spans are dropped and counted in `obs_spans_dropped_total{reason=\"keep_buffer_full\"}`.");

    public static final ConfigKey ATTRIBUTE_VALUE_LENGTH_LIMIT = ConfigKey.of("obs.traces.attribute.value.length.limit", "2048",
            "The longest string attribute value on a span or span event, and the longest span name, in characters (16 to 1048576); "
                    + "longer values are cut (OpenTelemetry's span limits), so data from clients stays bounded.",
            "otel.span.attribute.value.length.limit", "otel.attribute.value.length.limit");

    public static final ConfigKey EXPORTER = ConfigKey.of("obs.traces.exporter", "otlp",
            "`otlp`, or the name of another OpenTelemetry `ConfigurableSpanExporterProvider` on the class path that takes the "
                    + "exported spans instead, behind the same queue and redaction (obs-test uses `obs-test`).");

    public static final List<ConfigKey> KEYS = List.of(ENDPOINT, TRACES_ENDPOINT, PROTOCOL, HEADERS, TIMEOUT, COMPRESSION,
            QUEUE_SIZE, SCHEDULE_DELAY, REGISTER_GLOBAL, MEMORY_SPANS, KEEP_BUFFER_SPANS, ATTRIBUTE_VALUE_LENGTH_LIMIT, EXPORTER);

    /** Reads and checks the settings; a value that cannot be used throws {@link ConfigException}. */
    public static TracingSettings from(Config config) {
        URI endpoint = config.getHttpUri(ENDPOINT.name());
        URI tracesEndpoint = config.getHttpUri(TRACES_ENDPOINT.name());
        String protocolText = config.getString(PROTOCOL.name()).toLowerCase(Locale.ROOT);
        Protocol protocol;
        if (protocolText.equals("http/protobuf")) {
            protocol = Protocol.HTTP_PROTOBUF;
        } else if (protocolText.equals("grpc")) {
            protocol = Protocol.GRPC;
        } else {
            throw new ConfigException(PROTOCOL.name(), protocolText, config.sourceOf(PROTOCOL.name()),
                    "http/protobuf or grpc (http/json is not supported by the OpenTelemetry Java SDK)");
        }
        String compression = config.getString(COMPRESSION.name()).toLowerCase(Locale.ROOT);
        if (!compression.equals("gzip") && !compression.equals("none")) {
            throw new ConfigException(COMPRESSION.name(), compression, config.sourceOf(COMPRESSION.name()), "gzip or none");
        }
        Duration timeout = config.getDuration(TIMEOUT.name());
        if (timeout.isZero()) {
            throw new ConfigException(TIMEOUT.name(), config.getString(TIMEOUT.name()), config.sourceOf(TIMEOUT.name()),
                    "a positive duration such as 10s");
        }
        Duration delay = config.getDuration(SCHEDULE_DELAY.name());
        if (delay.isZero()) {
            throw new ConfigException(SCHEDULE_DELAY.name(), config.getString(SCHEDULE_DELAY.name()),
                    config.sourceOf(SCHEDULE_DELAY.name()), "a positive duration such as 5s");
        }
        return new TracingSettings(endpoint, tracesEndpoint, protocol, headers(config), timeout, compression,
                config.getInt(QUEUE_SIZE.name(), 16, 1 << 20), delay,
                config.getBoolean(REGISTER_GLOBAL.name()),
                config.getInt(MEMORY_SPANS.name(), 0, 100_000),
                config.getInt(KEEP_BUFFER_SPANS.name(), 16, 1 << 20),
                config.getDuration("obs.shutdown.timeout"),
                config.getString("obs.request.id.header"),
                config.getInt(ATTRIBUTE_VALUE_LENGTH_LIMIT.name(), 16, 1 << 20),
                exporter(config));
    }

    private static String exporter(Config config) {
        String name = config.getString(EXPORTER.name()).trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.equals("none") || name.contains(",")) {
            throw new ConfigException(EXPORTER.name(), name, config.sourceOf(EXPORTER.name()),
                    "otlp, or the name of one other span exporter provider (an empty obs.traces.endpoint sends nothing)");
        }
        return name;
    }

    // Header values are credentials more often than not: a malformed list is reported without them.
    private static Map<String, String> headers(Config config) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String pair : config.getList(HEADERS.name())) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(HEADERS.name(), "(value hidden: it may hold credentials)",
                        config.sourceOf(HEADERS.name()), "comma-separated key=value pairs such as authorization=Bearer%20abc");
            }
            headers.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return Map.copyOf(headers);
    }

    /** Whether spans leave the process at all. */
    public boolean exports() {
        return endpoint != null || tracesEndpoint != null;
    }

    /** Whether spans go to another exporter than OTLP ({@link #EXPORTER}), endpoint or not. */
    public boolean exportsElsewhere() {
        return !exporter.equals("otlp");
    }

    /**
     * The OpenTelemetry properties that make the autoconfigured SDK do what these settings say.
     * They override the SDK's own reading of the environment, so that obs's precedence (builder,
     * system properties, environment, file) is the one in force.
     */
    public Map<String, String> sdkProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("otel.traces.exporter", exportsElsewhere() ? exporter : exports() ? "otlp" : "none");
        // obs-metrics and obs-logging own those signals; the SDK here only traces.
        p.put("otel.metrics.exporter", "none");
        p.put("otel.logs.exporter", "none");
        // The sampler is replaced by obs's policy; a valid name keeps autoconfigure from tripping on
        // a value that only core interprets.
        p.put("otel.traces.sampler", "parentbased_always_on");
        p.put("otel.exporter.otlp.protocol", protocol.value());
        if (endpoint != null) {
            p.put("otel.exporter.otlp.endpoint", endpoint.toString());
        }
        if (tracesEndpoint != null) {
            p.put("otel.exporter.otlp.traces.endpoint", tracesEndpoint.toString());
        }
        if (!headers.isEmpty()) {
            StringBuilder h = new StringBuilder();
            headers.forEach((k, v) -> h.append(h.length() == 0 ? "" : ",").append(k).append('=').append(v));
            p.put("otel.exporter.otlp.headers", h.toString());
        }
        p.put("otel.exporter.otlp.timeout", timeout.toMillis() + "ms");
        p.put("otel.exporter.otlp.compression", compression);
        p.put("otel.bsp.max.queue.size", Integer.toString(queueSize));
        p.put("otel.bsp.max.export.batch.size", Integer.toString(Math.min(512, queueSize)));
        p.put("otel.bsp.schedule.delay", scheduleDelay.toMillis() + "ms");
        p.put("otel.span.attribute.value.length.limit", Integer.toString(attributeValueLengthLimit));
        // A batch may wait for one export at most; the exporter's own timeout bounds its retries.
        p.put("otel.bsp.export.timeout", timeout.toMillis() + "ms");
        return p;
    }
}
