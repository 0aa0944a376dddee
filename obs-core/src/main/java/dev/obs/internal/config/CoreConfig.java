package dev.obs.internal.config;

import dev.obs.ServiceInfo;
import dev.obs.config.Config;
import dev.obs.config.ConfigException;
import dev.obs.config.ConfigKey;
import dev.obs.redact.Redactor;
import dev.obs.sampling.SamplingPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The keys core reads, and what core builds from them. */
public final class CoreConfig {

    public static final ConfigKey ENABLED = ConfigKey.of("obs.enabled", "true",
            "Set to false to turn obs into a no-op: nothing is started, observed or sent.");
    public static final ConfigKey CONFIG_FILE = ConfigKey.of("obs.config.file", "",
            "A properties file to read settings from; environment variables and system properties win over it.");
    public static final ConfigKey SERVICE_NAME = ConfigKey.of("obs.service.name", "unknown_service:java",
            "The service's name on every signal (service.name).", "otel.service.name");
    public static final ConfigKey SERVICE_VERSION = ConfigKey.of("obs.service.version", "",
            "The service's version; empty takes service.version from the resource attributes, else \"unknown\".");
    public static final ConfigKey ENVIRONMENT = ConfigKey.of("obs.env", "",
            "The deployment environment (env on logs and metrics, deployment.environment.name on traces); empty takes it from the resource attributes, else \"local\".");
    public static final ConfigKey RESOURCE_ATTRIBUTES = ConfigKey.of("obs.resource.attributes", "",
            "Extra resource attributes as comma-separated key=value pairs.", "otel.resource.attributes");
    public static final ConfigKey ADMIN_ENABLED = ConfigKey.of("obs.admin.enabled", "true",
            "Whether to run the admin HTTP server with /health, /ready and /metrics.");
    public static final ConfigKey ADMIN_PORT = ConfigKey.of("obs.admin.port", "9464",
            "The admin server's port; 0 picks a free one.");
    public static final ConfigKey ADMIN_REQUIRED = ConfigKey.of("obs.admin.required", "false",
            "Whether install() fails when the admin server cannot listen (e.g. the port is taken); when false it prints one line and the service runs without /health, /ready and /metrics.");
    public static final ConfigKey ADMIN_HOST = ConfigKey.of("obs.admin.host", "0.0.0.0",
            "The address the admin server binds to; 127.0.0.1 keeps it local.");
    public static final ConfigKey SHUTDOWN_TIMEOUT = ConfigKey.of("obs.shutdown.timeout", "5s",
            "How long close() and the shutdown hook wait for modules to flush.");
    public static final ConfigKey REQUEST_ID_HEADER = ConfigKey.of("obs.request.id.header", "X-Request-ID",
            "The header that carries the request ID in and out.");
    public static final ConfigKey SAMPLE_RATIO = ConfigKey.of("obs.traces.sample.ratio", "0.1",
            "The share of new traces sampled (0.0 to 1.0); overrides OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG.");
    public static final ConfigKey OTEL_SAMPLER = ConfigKey.of("otel.traces.sampler", "",
            "Honoured when obs.traces.sample.ratio is not set: always_on, always_off, traceidratio and their parentbased_ forms.");
    public static final ConfigKey OTEL_SAMPLER_ARG = ConfigKey.of("otel.traces.sampler.arg", "",
            "The ratio for OTEL_TRACES_SAMPLER=traceidratio or parentbased_traceidratio.");
    public static final ConfigKey MAX_TRACES_PER_SECOND = ConfigKey.of("obs.traces.max.per.second", "100",
            "The most new traces sampled per second; 0 means no cap.");
    public static final ConfigKey KEEP_ERRORS = ConfigKey.of("obs.traces.keep.errors", "true",
            "Keep the traces of failed requests (5xx or exception) even when the head decision said no.");
    public static final ConfigKey KEEP_SLOWER_THAN = ConfigKey.of("obs.traces.keep.slower.than", "2s",
            "Keep the traces of requests slower than this even when the head decision said no; 0 turns it off.");
    public static final ConfigKey REDACT_KEYS = ConfigKey.of("obs.redact.keys", "",
            "Extra sensitive keys, comma-separated, whose values are masked everywhere.");
    public static final ConfigKey REDACT_PATTERNS = ConfigKey.of("obs.redact.patterns", "",
            "Extra regular expressions, separated by ';', whose matches are masked everywhere.");
    public static final ConfigKey REDACT_MAX_VALUE_LENGTH = ConfigKey.of("obs.redact.max.value.length", "16384",
            "The longest value (log message, field, attribute, event text) redacted as it is (64 to 16777216); longer values "
                    + "are cut at a token boundary and end in `...[TRUNCATED]`, so that redaction time stays bounded.");

    public static final ConfigKey HTTP_IGNORE_ROUTES = ConfigKey.of("obs.http.ignore.routes", "",
            "Noise routes, comma-separated (e.g. /healthz,/livez): matched against the route template or the exact path, they get a request ID but no span, no access log line and no RED metrics.");

    public static final List<ConfigKey> KEYS = List.of(ENABLED, CONFIG_FILE, SERVICE_NAME, SERVICE_VERSION,
            ENVIRONMENT, RESOURCE_ATTRIBUTES, ADMIN_ENABLED, ADMIN_PORT, ADMIN_REQUIRED, ADMIN_HOST, SHUTDOWN_TIMEOUT,
            REQUEST_ID_HEADER, SAMPLE_RATIO, OTEL_SAMPLER, OTEL_SAMPLER_ARG, MAX_TRACES_PER_SECOND, KEEP_ERRORS,
            KEEP_SLOWER_THAN, REDACT_KEYS, REDACT_PATTERNS, REDACT_MAX_VALUE_LENGTH, HTTP_IGNORE_ROUTES);

    private CoreConfig() {
    }

    public static ServiceInfo serviceInfo(Config config) {
        Map<String, String> attributes = new LinkedHashMap<>(config.getMap(RESOURCE_ATTRIBUTES.name()));
        String name = config.getString(SERVICE_NAME.name());
        if (config.find(SERVICE_NAME.name()).isEmpty() && attributes.containsKey("service.name")) {
            name = attributes.get("service.name");
        }
        String version = firstNonEmpty(config.getString(SERVICE_VERSION.name()), attributes.get("service.version"), "unknown");
        String env = firstNonEmpty(config.getString(ENVIRONMENT.name()), attributes.get("deployment.environment.name"),
                attributes.get("deployment.environment"), "local");
        attributes.remove("service.name");
        attributes.remove("service.version");
        attributes.remove("deployment.environment");
        attributes.remove("deployment.environment.name");
        if (name.isEmpty()) {
            throw new ConfigException(SERVICE_NAME.name(), name, config.sourceOf(SERVICE_NAME.name()), "a non-empty service name");
        }
        return new ServiceInfo(name, version, env, attributes);
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    public static SamplingPolicy samplingPolicy(Config config) {
        return new SamplingPolicy(sampleRatio(config),
                config.getInt(MAX_TRACES_PER_SECOND.name(), 0, 1_000_000),
                config.getBoolean(KEEP_ERRORS.name()),
                config.getDuration(KEEP_SLOWER_THAN.name()));
    }

    private static double sampleRatio(Config config) {
        if (config.find(SAMPLE_RATIO.name()).isPresent() || config.find(OTEL_SAMPLER.name()).isEmpty()) {
            return config.getDouble(SAMPLE_RATIO.name(), 0.0, 1.0);
        }
        String sampler = config.getString(OTEL_SAMPLER.name()).toLowerCase(Locale.ROOT);
        switch (sampler) {
            case "always_on":
            case "parentbased_always_on":
                return 1.0;
            case "always_off":
            case "parentbased_always_off":
                return 0.0;
            case "traceidratio":
            case "parentbased_traceidratio":
                return config.find(OTEL_SAMPLER_ARG.name()).isPresent()
                        ? config.getDouble(OTEL_SAMPLER_ARG.name(), 0.0, 1.0) : 1.0;
            default:
                throw new ConfigException(OTEL_SAMPLER.name(), sampler, config.sourceOf(OTEL_SAMPLER.name()),
                        "always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off or "
                                + "parentbased_traceidratio (obs always honours the parent's decision)");
        }
    }

    public static Redactor redactor(Config config) {
        List<Pattern> patterns = new ArrayList<>();
        for (String regex : config.getList(REDACT_PATTERNS.name(), ';')) {
            try {
                patterns.add(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new ConfigException(REDACT_PATTERNS.name(), regex, config.sourceOf(REDACT_PATTERNS.name()),
                        "';'-separated Java regular expressions (" + e.getDescription() + ")");
            }
        }
        return Redactor.withExtras(config.getList(REDACT_KEYS.name()), patterns)
                .withMaxValueLength(config.getInt(REDACT_MAX_VALUE_LENGTH.name(), 64, 1 << 24));
    }
}
