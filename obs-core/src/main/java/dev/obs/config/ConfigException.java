package dev.obs.config;

/**
 * A configuration value that obs cannot use. The message names the key, the value given and what
 * is allowed, so that one line in a start-up log is enough to fix it:
 *
 * <pre>
 * obs: invalid configuration: obs.traces.sample.ratio = "7" (from environment variable OBS_TRACES_SAMPLE_RATIO): expected a number from 0.0 to 1.0
 * </pre>
 */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String value;

    public ConfigException(String key, String value, String source, String allowed) {
        super("invalid configuration: " + key + " = \"" + printable(value) + "\""
                + (source == null || source.isEmpty() ? "" : " (from " + source + ")")
                + ": expected " + allowed);
        this.key = key;
        this.value = value;
    }

    /** The normalised key whose value was rejected. */
    public String key() {
        return key;
    }

    /** The rejected value, as given. */
    public String value() {
        return value;
    }

    // A config value may come from a hostile environment; keep the message on one printable line.
    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), 200));
        for (int i = 0; i < value.length() && i < 200; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (value.length() > 200) {
            out.append("...");
        }
        return out.toString();
    }
}
