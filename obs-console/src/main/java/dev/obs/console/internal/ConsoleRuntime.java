package dev.obs.console.internal;

import dev.obs.context.RequestContext;
import dev.obs.http.HttpServerRequest;
import dev.obs.spi.ErrorEvent;
import dev.obs.spi.FinishedSpan;
import dev.obs.spi.HttpServerCall;
import dev.obs.spi.HttpServerObserver;
import dev.obs.spi.LogLine;
import dev.obs.spi.ModuleContext;
import dev.obs.spi.SignalListener;

/**
 * The running console: observes every request (an {@link HttpServerObserver}), receives the
 * pillars' redacted signals (a {@link SignalListener}), and serves the page and its API on the
 * admin port.
 */
public final class ConsoleRuntime implements HttpServerObserver, SignalListener {

    private final ConsoleStore store;
    private final RedStats red;
    private volatile boolean open = true;

    private ConsoleRuntime(ConsoleSettings settings) {
        this.store = new ConsoleStore(settings.requests(), settings.maxBytes());
        this.red = new RedStats(System.currentTimeMillis());
    }

    /** Starts the console if the settings say so; returns null when it stays off. */
    public static ConsoleRuntime start(ModuleContext context) {
        ConsoleSettings settings = ConsoleSettings.from(context.config(), context.service().environment());
        if (!settings.enabled()) {
            return null;
        }
        if (!context.config().getBoolean("obs.admin.enabled")) {
            if (context.config().find(ConsoleSettings.ENABLED.name()).isEmpty()) {
                return null; // on by default only; no admin server (tests, obs-test) is no reason to complain
            }
            context.diagnostics().warn("the console is on (" + settings.why() + ") but the admin server is off "
                    + "(obs.admin.enabled=false), so it is not served; the console only ever runs on the admin port");
            return null;
        }
        ConsoleRuntime runtime = new ConsoleRuntime(settings);
        context.addHttpServerObserver(runtime);
        context.addSignalListener(runtime);
        // the page at / and its assets and /api/... under it; core's exact routes (/health, /metrics, ...) win
        context.addAdminPrefixRoute("/", new ConsoleHttp(settings, context, runtime.store, runtime.red));
        return runtime;
    }

    @Override
    public HttpServerCall onStart(HttpServerRequest request, RequestContext context) {
        if (!open) {
            return null;
        }
        ConsoleStore.Request record = store.begin(System.currentTimeMillis(), request.method(), request.route(),
                context.requestId(), context.traceId(), context.sampled());
        return (route, status, error, durationNanos) -> {
            store.end(record, route, status, error == null ? null : error.getClass().getName(), durationNanos);
            red.record(record.method, route, status >= 500 || error != null, durationNanos, System.currentTimeMillis());
        };
    }

    @Override
    public boolean isListening() {
        return open;
    }

    @Override
    public void onLogLine(LogLine line) {
        store.addLine(line);
    }

    @Override
    public void onSpan(FinishedSpan span) {
        store.addSpan(span);
    }

    @Override
    public void onErrorEvent(ErrorEvent event) {
        store.addError(event);
    }

    public void close() {
        open = false;
    }
}
