package dev.obs.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The configuration obs runs with: declared keys, each read from layered sources where a later
 * source wins: defaults, a properties file named by {@code obs.config.file}, environment
 * variables, system properties, then values given to the
 * {@linkplain dev.obs.Observability#builder() builder}.
 *
 * <pre>{@code
 * Config config = Observability.current().config();
 * int port = config.getInt("obs.admin.port", 0, 65535);
 * Duration timeout = config.getDuration("obs.shutdown.timeout");
 * }</pre>
 *
 * <p>Keys are normalised, so {@code OBS_ADMIN_PORT}, {@code obs.admin.port} and
 * {@code Obs.Admin.Port} are one key. Typed getters throw {@link ConfigException}, naming the key,
 * the value, where it came from and what is allowed, when a value does not fit. Instances are
 * immutable and safe to share.
 */
public final class Config {

    private final Map<String, ConfigKey> declared;
    private final List<Source> sources; // lowest precedence first

    /** One layer of values, e.g. "environment variable" with its normalised keys. */
    public record Source(String description, Map<String, String> values) {
        public Source {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    private Config(Map<String, ConfigKey> declared, List<Source> sources) {
        this.declared = declared;
        this.sources = sources;
    }

    /**
     * Builds a configuration from declared keys and sources in increasing precedence.
     * Values in sources are normalised here; only keys starting with {@code obs.}, {@code otel.}
     * or {@code sentry.} are kept, so that the rest of the environment never enters obs.
     */
    public static Config of(Collection<ConfigKey> keys, List<Source> sources) {
        Map<String, ConfigKey> declared = new LinkedHashMap<>();
        for (ConfigKey key : keys) {
            ConfigKey previous = declared.putIfAbsent(key.name(), key);
            if (previous != null && !previous.equals(key)) {
                throw new IllegalStateException("config key declared twice with different meanings: " + key.name());
            }
        }
        List<Source> normalised = new ArrayList<>();
        for (Source source : sources) {
            Map<String, String> values = new LinkedHashMap<>();
            source.values().forEach((k, v) -> {
                String key = normalise(k);
                if (v != null && isOwnNamespace(key)) {
                    values.put(key, v);
                }
            });
            normalised.add(new Source(source.description(), values));
        }
        return new Config(Collections.unmodifiableMap(declared), List.copyOf(normalised));
    }

    /** A copy that also knows the given keys (modules declare theirs after discovery). */
    public Config withKeys(Collection<ConfigKey> moreKeys) {
        List<ConfigKey> all = new ArrayList<>(declared.values());
        all.addAll(moreKeys);
        return of(all, sources);
    }

    /** {@code OBS_ADMIN_PORT} and {@code obs.admin.port} both become {@code obs.admin.port}. */
    public static String normalise(String key) {
        return key.trim().replace('_', '.').replace('-', '.').toLowerCase(Locale.ROOT);
    }

    private static boolean isOwnNamespace(String key) {
        return key.startsWith("obs.") || key.startsWith("otel.") || key.startsWith("sentry.");
    }

    /** Every declared key, in declaration order. */
    public Collection<ConfigKey> keys() {
        return declared.values();
    }

    /** The value set for the key in any source (its aliases included), ignoring the default. */
    public Optional<String> find(String key) {
        Resolved resolved = resolve(declaredKey(key));
        return resolved.source == null ? Optional.empty() : Optional.of(resolved.value);
    }

    /** Where the key's value comes from, e.g. "environment variable OBS_ADMIN_PORT" or "default". */
    public String sourceOf(String key) {
        Resolved resolved = resolve(declaredKey(key));
        return resolved.source == null ? "default" : resolved.source;
    }

    /** The value, trimmed, or the key's default; never null. */
    public String getString(String key) {
        return resolve(declaredKey(key)).value.trim();
    }

    /** A whole number within {@code [min, max]}. */
    public int getInt(String key, int min, int max) {
        Resolved r = resolve(declaredKey(key));
        try {
            int value = Integer.parseInt(r.value.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the allowed range
        }
        throw r.invalid("a whole number from " + min + " to " + max);
    }

    /** A decimal number within {@code [min, max]}. */
    public double getDouble(String key, double min, double max) {
        Resolved r = resolve(declaredKey(key));
        try {
            double value = Double.parseDouble(r.value.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the allowed range
        }
        throw r.invalid("a number from " + min + " to " + max);
    }

    /** {@code true} or {@code false}, in any case. */
    public boolean getBoolean(String key) {
        Resolved r = resolve(declaredKey(key));
        String value = r.value.trim().toLowerCase(Locale.ROOT);
        if (value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw r.invalid("true or false");
    }

    /**
     * A non-negative duration: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, or a whole number
     * of milliseconds as OpenTelemetry's variables use.
     */
    public Duration getDuration(String key) {
        Resolved r = resolve(declaredKey(key));
        Duration parsed = parseDuration(r.value.trim());
        if (parsed == null) {
            throw r.invalid("a duration such as 250ms, 5s, 2m or 1h, or whole milliseconds");
        }
        return parsed;
    }

    static Duration parseDuration(String text) {
        String[] units = {"ms", "s", "m", "h"};
        for (String unit : units) {
            if (text.endsWith(unit) && text.length() > unit.length()) {
                String number = text.substring(0, text.length() - unit.length()).trim();
                if (unit.equals("s") && number.endsWith("m")) {
                    continue; // "ms" is handled first; never read "5ms" as minutes
                }
                try {
                    long amount = Long.parseLong(number);
                    if (amount < 0) {
                        return null;
                    }
                    switch (unit) {
                        case "ms": return Duration.ofMillis(amount);
                        case "s": return Duration.ofSeconds(amount);
                        case "m": return Duration.ofMinutes(amount);
                        default: return Duration.ofHours(amount);
                    }
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        try {
            long millis = Long.parseLong(text);
            return millis < 0 ? null : Duration.ofMillis(millis);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** One of the enum's constants, matched without regard to case. */
    public <E extends Enum<E>> E getEnum(String key, Class<E> type) {
        Resolved r = resolve(declaredKey(key));
        String value = r.value.trim();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw r.invalid("one of " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    /** A comma-separated list; blanks are dropped. */
    public List<String> getList(String key) {
        return splitList(getString(key), ',');
    }

    /** A list separated by {@code separator}; blanks are dropped. */
    public List<String> getList(String key, char separator) {
        return splitList(getString(key), separator);
    }

    private static List<String> splitList(String value, char separator) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == separator) {
                String item = value.substring(start, i).trim();
                if (!item.isEmpty()) {
                    out.add(item);
                }
                start = i + 1;
            }
        }
        return List.copyOf(out);
    }

    /** Comma-separated {@code key=value} pairs, as in {@code OTEL_RESOURCE_ATTRIBUTES}. */
    public Map<String, String> getMap(String key) {
        Resolved r = resolve(declaredKey(key));
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : splitList(r.value, ',')) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw r.invalid("comma-separated key=value pairs");
            }
            out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return Collections.unmodifiableMap(out);
    }

    /** An absolute {@code http} or {@code https} URI, or {@code null} when the key is empty. */
    public URI getHttpUri(String key) {
        Resolved r = resolve(declaredKey(key));
        String value = r.value.trim();
        if (value.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (uri.getHost() != null && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                return uri;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw r.invalid("an absolute http:// or https:// URL such as http://localhost:4318");
    }

    private ConfigKey declaredKey(String key) {
        ConfigKey found = declared.get(normalise(key));
        if (found == null) {
            throw new IllegalArgumentException("config key " + key + " is not declared by obs core or any module");
        }
        return found;
    }

    private Resolved resolve(ConfigKey key) {
        for (int i = sources.size() - 1; i >= 0; i--) {
            Source source = sources.get(i);
            String value = source.values().get(key.name());
            String name = key.name();
            if (value == null) {
                for (String alias : key.aliases()) {
                    value = source.values().get(alias);
                    if (value != null) {
                        name = alias;
                        break;
                    }
                }
            }
            if (value != null) {
                return new Resolved(key.name(), value, source.description() + " " + display(source, name));
            }
        }
        return new Resolved(key.name(), key.defaultValue(), null);
    }

    private static String display(Source source, String name) {
        return source.description().startsWith("environment")
                ? name.replace('.', '_').toUpperCase(Locale.ROOT) : name;
    }

    private static final class Resolved {
        final String key;
        final String value;
        final String source;

        Resolved(String key, String value, String source) {
            this.key = key;
            this.value = value;
            this.source = source;
        }

        ConfigException invalid(String allowed) {
            return new ConfigException(key, value, source == null ? "default" : source, allowed);
        }
    }
}
