package dev.obs.errors;

import dev.obs.config.ConfigKey;
import dev.obs.errors.internal.ErrorsModuleSupport;
import dev.obs.errors.internal.ErrorsSettings;
import dev.obs.spi.ModuleContext;
import dev.obs.spi.ObservabilityModule;
import java.time.Duration;
import java.util.List;

/**
 * The errors module, started by {@code Observability.install()} when {@code obs-errors} is on the
 * class path. It reports exceptions that escape observed HTTP handlers and {@code @Traced}
 * methods, uncaught exceptions and ERROR log lines with a throwable, once each, to Sentry when
 * {@code SENTRY_DSN} is set; it always counts them in {@code obs_errors_total} and keeps the
 * recent ones for {@link ObsErrors#recent()}.
 *
 * <pre>{@code
 * // SENTRY_DSN=https://<key>@o0.ingest.sentry.io/<project> in the environment, then:
 * Observability obs = Observability.install();
 * }</pre>
 */
public final class ErrorsModule implements ObservabilityModule {

    private volatile ErrorsModuleSupport running;

    @Override
    public String name() {
        return "errors";
    }

    @Override
    public int order() {
        return ORDER_ERRORS;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return ErrorsSettings.KEYS;
    }

    @Override
    public void start(ModuleContext context) {
        running = ErrorsModuleSupport.start(context);
    }

    @Override
    public void close(Duration timeout) {
        ErrorsModuleSupport support = running;
        running = null;
        if (support != null) {
            support.close(timeout);
        }
    }
}
