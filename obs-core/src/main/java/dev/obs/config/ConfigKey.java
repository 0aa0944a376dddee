package dev.obs.config;

import java.util.List;
import java.util.Objects;

/**
 * A configuration key that obs or one of its modules reads, with its default and meaning.
 *
 * <p>Keys are written in dotted lower case ({@code obs.admin.port}); the same key can be set as an
 * environment variable in upper snake case ({@code OBS_ADMIN_PORT}). Aliases name the ecosystem
 * keys obs honours for the same setting, such as {@code otel.service.name} for
 * {@code obs.service.name}.
 *
 * <pre>{@code
 * static final ConfigKey QUEUE_SIZE =
 *     ConfigKey.of("obs.log.queue.size", "8192", "Events the async log queue holds before it drops.");
 * }</pre>
 *
 * @param name         the normalised key
 * @param defaultValue the value used when nothing sets the key; empty means "not set"
 * @param description  one sentence for {@code docs/configuration.md}
 * @param aliases      ecosystem keys read for the same setting, in normalised form
 */
public record ConfigKey(String name, String defaultValue, String description, List<String> aliases) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
        if (!name.equals(Config.normalise(name))) {
            throw new IllegalArgumentException("config key must be normalised: " + name);
        }
        aliases = List.copyOf(aliases);
    }

    /** A key without aliases. */
    public static ConfigKey of(String name, String defaultValue, String description) {
        return new ConfigKey(name, defaultValue, description, List.of());
    }

    /** A key that also answers to the given ecosystem keys. */
    public static ConfigKey of(String name, String defaultValue, String description, String... aliases) {
        return new ConfigKey(name, defaultValue, description, List.of(aliases));
    }
}
