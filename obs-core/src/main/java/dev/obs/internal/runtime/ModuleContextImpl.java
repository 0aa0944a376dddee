package dev.obs.internal.runtime;

import com.sun.net.httpserver.HttpHandler;
import dev.obs.HealthCheck;
import dev.obs.ServiceInfo;
import dev.obs.config.Config;
import dev.obs.context.RequestContext;
import dev.obs.internal.context.ContextRegistry;
import dev.obs.internal.db.DbClientObservation;
import dev.obs.internal.method.MethodObserverRegistry;
import dev.obs.redact.Redactor;
import dev.obs.sampling.SamplingPolicy;
import dev.obs.spi.ContextListener;
import dev.obs.spi.ContextStorage;
import dev.obs.spi.DbClientObserver;
import dev.obs.spi.Diagnostics;
import dev.obs.spi.HttpServerObserver;
import dev.obs.spi.ErrorEvent;
import dev.obs.spi.FinishedSpan;
import dev.obs.spi.LogEvent;
import dev.obs.spi.LogLine;
import dev.obs.spi.SignalListener;
import dev.obs.spi.LogEventListener;
import dev.obs.spi.MethodObserver;
import dev.obs.spi.ModuleContext;
import dev.obs.spi.SelfMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the runtime hands each module; collects the modules' contributions. */
final class ModuleContextImpl implements ModuleContext {

    private final Config config;
    private final ServiceInfo service;
    private final SamplingPolicy sampling;
    private final Redactor redactor;
    private final Diagnostics diagnostics;
    private final SelfMetrics selfMetrics = new SelfMetrics();
    private final List<HttpServerObserver> httpObservers = new ArrayList<>();
    private final Map<String, HttpHandler> adminRoutes = new LinkedHashMap<>();
    private final Map<String, HttpHandler> adminPrefixRoutes = new LinkedHashMap<>();
    private final Map<String, HealthCheck> readinessChecks = new LinkedHashMap<>();
    private final List<LogEventListener> logListeners = new CopyOnWriteArrayList<>();
    // What each module registered, by module name, so that a module that fails to start can be taken out again.
    private final Map<String, List<Object>> registeredBy = new LinkedHashMap<>();
    private final LogEventListener logDispatcher = this::dispatchLogEvent;
    private final SignalDispatcher signals = new SignalDispatcher();
    private volatile java.util.Set<String> moduleNames = java.util.Set.of();
    private String storageOwner;
    String currentModule = "core";

    ModuleContextImpl(Config config, ServiceInfo service, SamplingPolicy sampling, Redactor redactor, Diagnostics diagnostics) {
        this.config = config;
        this.service = service;
        this.sampling = sampling;
        this.redactor = redactor;
        this.diagnostics = diagnostics;
    }

    @Override
    public Config config() {
        return config;
    }

    @Override
    public ServiceInfo service() {
        return service;
    }

    @Override
    public SamplingPolicy sampling() {
        return sampling;
    }

    @Override
    public Redactor redactor() {
        return redactor;
    }

    @Override
    public Diagnostics diagnostics() {
        return diagnostics;
    }

    @Override
    public SelfMetrics selfMetrics() {
        return selfMetrics;
    }

    @Override
    public synchronized void setContextStorage(ContextStorage storage) {
        if (storageOwner != null) {
            throw new IllegalStateException("module " + currentModule + " tried to replace the context storage that module "
                    + storageOwner + " already installed; only one module may");
        }
        storageOwner = currentModule;
        ContextRegistry.setStorage(storage);
    }

    @Override
    public void addContextListener(ContextListener listener) {
        remember(listener);
        ContextRegistry.addListener(listener);
    }

    @Override
    public void contextChanged(RequestContext current) {
        ContextRegistry.fireChanged(current);
    }

    @Override
    public void addMethodObserver(MethodObserver observer) {
        remember(observer);
        MethodObserverRegistry.add(observer);
    }

    @Override
    public void addDbClientObserver(DbClientObserver observer) {
        remember(observer);
        DbClientObservation.add(observer);
    }

    @Override
    public synchronized void addHttpServerObserver(HttpServerObserver observer) {
        remember(observer);
        httpObservers.add(observer);
    }

    @Override
    public synchronized void addAdminRoute(String path, HttpHandler handler) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("an admin route is a path starting with /, not " + path);
        }
        if (adminRoutes.putIfAbsent(path, handler) != null) {
            throw new IllegalArgumentException("admin route " + path + " is already taken");
        }
        remember(new Route(path));
    }

    @Override
    public synchronized void addAdminPrefixRoute(String prefix, HttpHandler handler) {
        if (prefix == null || !prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("an admin route prefix starts and ends with /, e.g. /console/, not " + prefix);
        }
        if (adminPrefixRoutes.putIfAbsent(prefix, handler) != null) {
            throw new IllegalArgumentException("admin route prefix " + prefix + " is already taken");
        }
        remember(new PrefixRoute(prefix));
    }

    @Override
    public synchronized void addReadinessCheck(String name, HealthCheck check) {
        if (readinessChecks.putIfAbsent(name, check) != null) {
            throw new IllegalArgumentException("a readiness check named \"" + name + "\" is already registered");
        }
        remember(new Check(name));
    }

    @Override
    public void addLogEventListener(LogEventListener listener) {
        remember(listener);
        logListeners.add(listener);
    }

    private record Route(String path) {
    }

    private record PrefixRoute(String prefix) {
    }

    private record Check(String name) {
    }

    private synchronized void remember(Object contribution) {
        registeredBy.computeIfAbsent(currentModule, k -> new ArrayList<>()).add(contribution);
    }

    /**
     * Takes out everything {@code module} registered: its observers, listeners, admin routes,
     * readiness checks and context storage. For a module whose start failed half-way.
     */
    synchronized void rollback(String module) {
        List<Object> contributions = registeredBy.remove(module);
        if (contributions != null) {
            for (Object c : contributions) {
                if (c instanceof Route route) {
                    adminRoutes.remove(route.path());
                } else if (c instanceof PrefixRoute route) {
                    adminPrefixRoutes.remove(route.prefix());
                } else if (c instanceof Check check) {
                    readinessChecks.remove(check.name());
                } else {
                    if (c instanceof MethodObserver observer) {
                        MethodObserverRegistry.remove(observer);
                    }
                    if (c instanceof ContextListener listener) {
                        ContextRegistry.removeListener(listener);
                    }
                    if (c instanceof HttpServerObserver observer) {
                        httpObservers.remove(observer);
                    }
                    if (c instanceof LogEventListener listener) {
                        logListeners.remove(listener);
                    }
                    if (c instanceof DbClientObserver observer) {
                        DbClientObservation.remove(observer);
                    }
                    if (c instanceof SignalListener listener) {
                        signals.listeners.remove(listener);
                    }
                }
            }
        }
        if (module.equals(storageOwner)) {
            storageOwner = null;
            ContextRegistry.setStorage(null);
        }
    }

    @Override
    public LogEventListener logEvents() {
        return logDispatcher;
    }

    private void dispatchLogEvent(LogEvent event) {
        for (LogEventListener listener : logListeners) {
            try {
                listener.onLogEvent(event);
            } catch (RuntimeException e) {
                ContextRegistry.observerFailed("log", "log-listener-" + listener.getClass().getName(),
                        "log event listener " + listener.getClass().getName() + " failed: " + e);
            }
        }
    }

    @Override
    public void addSignalListener(SignalListener listener) {
        remember(listener);
        signals.listeners.add(listener);
    }

    @Override
    public SignalListener signals() {
        return signals;
    }

    @Override
    public java.util.Set<String> moduleNames() {
        return moduleNames;
    }

    void moduleNames(java.util.Set<String> names) {
        moduleNames = java.util.Set.copyOf(names);
    }

    /** Hands each signal to every listener; a listener that throws is reported once and skipped. */
    private final class SignalDispatcher implements SignalListener {

        final List<SignalListener> listeners = new CopyOnWriteArrayList<>();

        @Override
        public boolean isListening() {
            return !listeners.isEmpty();
        }

        @Override
        public void onLogLine(LogLine line) {
            for (SignalListener listener : listeners) {
                try {
                    listener.onLogLine(line);
                } catch (RuntimeException e) {
                    failed(listener, e);
                }
            }
        }

        @Override
        public void onSpan(FinishedSpan span) {
            for (SignalListener listener : listeners) {
                try {
                    listener.onSpan(span);
                } catch (RuntimeException e) {
                    failed(listener, e);
                }
            }
        }

        @Override
        public void onErrorEvent(ErrorEvent event) {
            for (SignalListener listener : listeners) {
                try {
                    listener.onErrorEvent(event);
                } catch (RuntimeException e) {
                    failed(listener, e);
                }
            }
        }

        private void failed(SignalListener listener, RuntimeException e) {
            ContextRegistry.observerFailed("signal", "signal-listener-" + listener.getClass().getName(),
                    "signal listener " + listener.getClass().getName() + " failed: " + e);
        }
    }

    synchronized List<HttpServerObserver> httpObservers() {
        return List.copyOf(httpObservers);
    }

    synchronized Map<String, HttpHandler> adminRoutes() {
        return new LinkedHashMap<>(adminRoutes);
    }

    synchronized Map<String, HttpHandler> adminPrefixRoutes() {
        return new LinkedHashMap<>(adminPrefixRoutes);
    }

    synchronized Map<String, HealthCheck> readinessChecks() {
        return new LinkedHashMap<>(readinessChecks);
    }
}
