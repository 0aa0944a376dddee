package dev.obs.console.internal;

import dev.obs.config.Config;
import dev.obs.config.ConfigException;
import dev.obs.config.ConfigKey;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The console's keys and the rule that decides whether it runs.
 *
 * @param enabled     whether the console is served
 * @param why         why it is on or off, for the start-up message
 * @param token       the token every page and API request must carry, or empty for none
 * @param requests    the most recent requests kept
 * @param maxBytes    the most bytes of request details (log lines, spans, errors) kept
 * @param slow        from which duration a request counts as slow
 */
public record ConsoleSettings(boolean enabled, String why, String token, int requests, long maxBytes, Duration slow) {

    /** Environment names for which the console is on by default. */
    public static final Set<String> LOCAL_ENVIRONMENTS = Set.of("local", "dev", "development", "test");

    public static final ConfigKey ENABLED = ConfigKey.of("obs.console.enabled", "auto",
            "Whether the console is served at / of the admin port: auto (on when the environment is local, dev, "
                    + "development or test, or unset; off otherwise), true or false.");
    public static final ConfigKey TOKEN = ConfigKey.of("obs.console.token", "",
            "A token every console page and API request must carry (?token=, a cookie set from it, or "
                    + "Authorization: Bearer); empty means none.");
    public static final ConfigKey REQUESTS = ConfigKey.of("obs.console.requests", "1000",
            "How many recent requests the console keeps (10 to 100000), with their log lines, spans and errors.");
    public static final ConfigKey MAX_BYTES = ConfigKey.of("obs.console.max.bytes", "16777216",
            "The most bytes of request details (log lines, spans, error events) the console keeps; the oldest "
                    + "requests go first (65536 to 1073741824).");
    public static final ConfigKey SLOW = ConfigKey.of("obs.console.slow", "1s",
            "Requests at least this long count as slow in the console's filter.");

    public static final List<ConfigKey> KEYS = List.of(ENABLED, TOKEN, REQUESTS, MAX_BYTES, SLOW);

    /** Reads the keys; {@code environment} is the service's deployment environment. */
    public static ConsoleSettings from(Config config, String environment) {
        String mode = config.getString(ENABLED.name()).toLowerCase(Locale.ROOT);
        boolean enabled;
        String why;
        String env = environment == null ? "" : environment.trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "true":
                enabled = true;
                why = ENABLED.name() + "=true";
                break;
            case "false":
                enabled = false;
                why = ENABLED.name() + "=false";
                break;
            case "auto":
                enabled = env.isEmpty() || LOCAL_ENVIRONMENTS.contains(env);
                why = "the environment is \"" + environment + "\"";
                break;
            default:
                throw new ConfigException(ENABLED.name(), mode, config.sourceOf(ENABLED.name()), "auto, true or false");
        }
        return new ConsoleSettings(enabled, why, config.getString(TOKEN.name()),
                config.getInt(REQUESTS.name(), 10, 100_000),
                config.getInt(MAX_BYTES.name(), 65_536, 1_073_741_824),
                config.getDuration(SLOW.name()));
    }
}
