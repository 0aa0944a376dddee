package dev.obs.logging.internal;

import ch.qos.logback.classic.Level;
import dev.obs.config.Config;
import dev.obs.config.ConfigException;
import dev.obs.config.ConfigKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The logging module's configuration keys and their parsed values. */
public record LoggingSettings(Format format, Level rootLevel, Map<String, Level> loggerLevels, int queueSize,
                              int maxStackTraceLength, boolean julBridge) {

    /** How lines are written when obs configures Logback. */
    public enum Format { JSON, TEXT }

    public static final ConfigKey FORMAT = ConfigKey.of("obs.log.format", "json",
            "`json` (one JSON object per line) or `text` (a readable line for local development, with the IDs).");
    public static final ConfigKey LEVEL = ConfigKey.of("obs.log.level", "info",
            "The root log level: `trace`, `debug`, `info`, `warn`, `error` or `off`.");
    public static final ConfigKey LEVELS = ConfigKey.of("obs.log.levels", "",
            "Per-logger levels as comma-separated `logger=level` pairs, e.g. `com.acme=debug,org.apache=warn`.");
    public static final ConfigKey QUEUE_SIZE = ConfigKey.of("obs.log.queue.size", "8192",
            "Events the async log queue holds (16 to 1048576); when it is full, events are dropped and counted in `obs_log_events_dropped_total`.");
    public static final ConfigKey STACK_TRACE_MAX_LENGTH = ConfigKey.of("obs.log.stack.trace.max.length", "16384",
            "The longest `stack_trace` written, in characters (root cause first); longer ones are cut.");
    public static final ConfigKey JUL_BRIDGE = ConfigKey.of("obs.log.jul.bridge", "true",
            "Route `java.util.logging` (and `System.Logger`) into the same log through SLF4J.");

    public static final List<ConfigKey> KEYS = List.of(FORMAT, LEVEL, LEVELS, QUEUE_SIZE, STACK_TRACE_MAX_LENGTH, JUL_BRIDGE,
            AccessLog.ACCESS);

    private static final String LEVEL_NAMES = "trace, debug, info, warn, error or off";

    /** Reads and checks every key; a bad value throws {@link ConfigException} before anything changes. */
    public static LoggingSettings from(Config config) {
        Format format = config.getEnum(FORMAT.name(), Format.class);
        String rootText = config.getString(LEVEL.name());
        Level root = parseLevel(rootText);
        if (root == null) {
            throw new ConfigException(LEVEL.name(), rootText, config.sourceOf(LEVEL.name()), "one of " + LEVEL_NAMES);
        }
        Map<String, Level> levels = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : config.getMap(LEVELS.name()).entrySet()) {
            Level level = parseLevel(entry.getValue());
            if (level == null || entry.getKey().isEmpty()) {
                throw new ConfigException(LEVELS.name(), config.getString(LEVELS.name()), config.sourceOf(LEVELS.name()),
                        "comma-separated logger=level pairs with a level of " + LEVEL_NAMES + " (\"" + entry.getKey()
                                + "=" + entry.getValue() + "\" is not)");
            }
            levels.put(entry.getKey(), level);
        }
        int queueSize = config.getInt(QUEUE_SIZE.name(), 16, 1 << 20);
        int maxStackTrace = config.getInt(STACK_TRACE_MAX_LENGTH.name(), 256, 1 << 20);
        boolean jul = config.getBoolean(JUL_BRIDGE.name());
        return new LoggingSettings(format, root, Collections.unmodifiableMap(levels), queueSize, maxStackTrace, jul);
    }

    // Logback's Level.toLevel turns anything unknown into DEBUG; a typo must fail instead.
    static Level parseLevel(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "trace": return Level.TRACE;
            case "debug": return Level.DEBUG;
            case "info": return Level.INFO;
            case "warn": case "warning": return Level.WARN;
            case "error": return Level.ERROR;
            case "off": return Level.OFF;
            default: return null;
        }
    }
}
