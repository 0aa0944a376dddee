package dev.obs.errors.internal;

import dev.obs.ServiceInfo;
import dev.obs.config.Config;
import dev.obs.config.ConfigException;
import dev.obs.config.ConfigKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

/** The errors module's configuration keys and the settings read from them. */
public record ErrorsSettings(String dsn, String environment, String release, double sampleRate, int queueSize,
                             Duration shutdownTimeout) {

    public static final ConfigKey DSN = ConfigKey.of("sentry.dsn", "",
            "The Sentry DSN events are sent to; empty sends nothing (errors are still counted and kept in memory).");
    public static final ConfigKey ENVIRONMENT = ConfigKey.of("sentry.environment", "",
            "The environment on Sentry events; empty takes obs's environment (`obs.env`).");
    public static final ConfigKey RELEASE = ConfigKey.of("sentry.release", "",
            "The release on Sentry events; empty takes `<service name>@<service version>` when the version is known.");
    public static final ConfigKey SAMPLE_RATE = ConfigKey.of("obs.errors.sample.rate", "1.0",
            "The share of error events sent to Sentry (0.0 to 1.0); every error is still counted and kept in memory.");
    public static final ConfigKey QUEUE_SIZE = ConfigKey.of("obs.errors.queue.size", "100",
            "Events waiting to be sent to Sentry; when full, new events are dropped and counted in `obs_errors_dropped_total`.");

    public static final List<ConfigKey> KEYS = List.of(DSN, ENVIRONMENT, RELEASE, SAMPLE_RATE, QUEUE_SIZE);

    /** Reads and checks the settings; a value that cannot be used throws {@link ConfigException}. */
    public static ErrorsSettings from(Config config, ServiceInfo service) {
        String dsn = config.getString(DSN.name());
        if (!dsn.isEmpty()) {
            checkDsn(dsn, config.sourceOf(DSN.name()));
        }
        String environment = config.getString(ENVIRONMENT.name());
        if (environment.isEmpty()) {
            environment = service.environment();
        }
        String release = config.getString(RELEASE.name());
        if (release.isEmpty()) {
            String version = service.version();
            release = version.isEmpty() || version.equals("unknown") ? null : service.name() + "@" + version;
        }
        double sampleRate = config.getDouble(SAMPLE_RATE.name(), 0.0, 1.0);
        int queueSize = config.getInt(QUEUE_SIZE.name(), 1, 100_000);
        return new ErrorsSettings(dsn, environment, release, sampleRate, queueSize,
                config.getDuration("obs.shutdown.timeout"));
    }

    // Sentry's own parser throws inside Sentry.init, where the failure would be logged and lost:
    // check the shape here so that a typo fails install() naming the key.
    private static void checkDsn(String dsn, String source) {
        String allowed = "a Sentry DSN such as https://<public key>@o0.ingest.sentry.io/<project id>";
        try {
            URI uri = new URI(dsn);
            String scheme = uri.getScheme();
            String path = uri.getPath();
            boolean ok = ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    && uri.getHost() != null
                    && uri.getUserInfo() != null && !uri.getUserInfo().isEmpty()
                    && path != null && path.length() > 1 && !path.endsWith("/");
            if (ok) {
                return;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        // The DSN holds a key: never echo it whole.
        throw new ConfigException(DSN.name(), masked(dsn), source, allowed);
    }

    private static String masked(String dsn) {
        int at = dsn.indexOf('@');
        int scheme = dsn.indexOf("://");
        if (at > 0 && scheme >= 0 && scheme + 3 < at) {
            return dsn.substring(0, scheme + 3) + "***" + dsn.substring(at);
        }
        return dsn;
    }
}
