package dev.obs.console;

import dev.obs.config.ConfigKey;
import dev.obs.console.internal.ConsoleRuntime;
import dev.obs.console.internal.ConsoleSettings;
import dev.obs.spi.ModuleContext;
import dev.obs.spi.ObservabilityModule;
import java.util.List;

/**
 * The console module, started by {@code Observability.install()} when {@code obs-console} is on the
 * class path. It serves a read-only page at {@code /} of the admin port (never on the
 * application's port) and a JSON API under {@code /console/api/}, fed by what the other modules
 * publish through core: requests, log lines, recorded spans and error events, all redacted before
 * they are stored, in memory bounded by {@code obs.console.requests} and {@code obs.console.max.bytes}.
 *
 * <p>It is on by default when the environment ({@code OBS_ENV}, or {@code deployment.environment.name}
 * in {@code OTEL_RESOURCE_ATTRIBUTES}) is unset, {@code local}, {@code dev}, {@code development} or
 * {@code test}, and off otherwise unless {@code OBS_CONSOLE_ENABLED=true}:
 *
 * <pre>{@code
 * // production, behind a token: open http://host:9464/?token=s3cret once, the page keeps it in a cookie
 * OBS_ENV=production OBS_CONSOLE_ENABLED=true OBS_CONSOLE_TOKEN=s3cret java -jar service.jar
 * }</pre>
 */
public final class ConsoleModule implements ObservabilityModule {

    private volatile ConsoleRuntime running;

    @Override
    public String name() {
        return "console";
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return ConsoleSettings.KEYS;
    }

    @Override
    public void start(ModuleContext context) {
        running = ConsoleRuntime.start(context);
    }

    @Override
    public void close(java.time.Duration timeout) {
        ConsoleRuntime runtime = running;
        running = null;
        if (runtime != null) {
            runtime.close();
        }
    }
}
