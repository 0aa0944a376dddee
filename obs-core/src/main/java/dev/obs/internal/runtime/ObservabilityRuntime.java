package dev.obs.internal.runtime;

import com.sun.net.httpserver.Filter;
import dev.obs.HealthCheck;
import dev.obs.Observability;
import dev.obs.ServiceInfo;
import dev.obs.config.Config;
import dev.obs.instrument.MethodObservation;
import dev.obs.instrument.ObservedMethod;
import dev.obs.internal.admin.AdminServer;
import dev.obs.internal.context.ContextRegistry;
import dev.obs.internal.http.HttpServerObservation;
import dev.obs.internal.http.JdkHttpServerFilter;
import dev.obs.internal.method.MethodObserverRegistry;
import dev.obs.redact.Redactor;
import dev.obs.sampling.SamplingPolicy;
import dev.obs.spi.ObservabilityModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** The installed obs: started modules, the admin server and the HTTP observation. */
final class ObservabilityRuntime implements Observability {

    static final int MAX_NAMED_BLOCKS = 10_000;
    /** The span name of every {@code trace()} block past {@link #MAX_NAMED_BLOCKS} distinct names. */
    static final String OVERFLOW_SPAN = "obs.trace.overflow";
    /** The timer of every {@code time()} block past {@link #MAX_NAMED_BLOCKS} distinct names. */
    static final String OVERFLOW_TIMER = "obs.time.overflow";

    private final Config config;
    private final ModuleContextImpl context;
    private final List<ObservabilityModule> modules; // in start order
    private final AdminServer admin;
    private final Filter filter;
    private final HttpServerObservation httpObservation;
    private final Duration shutdownTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, ObservedMethod> spanBlocks = new ConcurrentHashMap<>();
    private final Map<String, ObservedMethod> timerBlocks = new ConcurrentHashMap<>();
    // Built once: past the name guard every call shares these, so nothing grows per call.
    private final ObservedMethod overflowSpan = ObservedMethod.named(OVERFLOW_SPAN, null);
    private final ObservedMethod overflowTimer = ObservedMethod.named(null, OVERFLOW_TIMER);
    volatile Thread shutdownHook;
    /** Where {@link #close()} was first called, for the message of a later {@code install()}. */
    volatile Installer.CloseSite closeSite;

    ObservabilityRuntime(Config config, ModuleContextImpl context, List<ObservabilityModule> modules, AdminServer admin,
                         Duration shutdownTimeout) {
        this.config = config;
        this.context = context;
        this.modules = List.copyOf(modules);
        this.admin = admin;
        this.shutdownTimeout = shutdownTimeout;
        boolean logOutputIsRedacted = modules.stream().anyMatch(m -> m.name().equals("logging"));
        this.httpObservation = new HttpServerObservation(context.httpObservers(), context.sampling(),
                config.getString("obs.request.id.header"),
                new java.util.LinkedHashSet<>(config.getList(dev.obs.internal.config.CoreConfig.HTTP_IGNORE_ROUTES.name())),
                context.redactor(), logOutputIsRedacted);
        this.filter = new JdkHttpServerFilter(httpObservation, context.redactor(), logOutputIsRedacted);
    }

    @Override
    public boolean isEnabled() {
        return true;
    }

    @Override
    public ServiceInfo service() {
        return context.service();
    }

    @Override
    public Config config() {
        return config;
    }

    @Override
    public SamplingPolicy sampling() {
        return context.sampling();
    }

    @Override
    public Redactor redactor() {
        return context.redactor();
    }

    @Override
    public Filter httpServerFilter() {
        return filter;
    }

    @Override
    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    @Override
    public void addReadinessCheck(String name, HealthCheck check) {
        if (admin == null) {
            context.diagnostics().warnOnce("ready-no-admin", "readiness check \"" + name
                    + "\" added, but the admin server is not running (obs.admin.enabled=false or its port was taken)");
            return;
        }
        admin.addReadinessCheck(name, check);
    }

    @Override
    public <T> T instrument(Class<T> type, T implementation) {
        return InstrumentedProxy.create(type, implementation);
    }

    @Override
    public <T, E extends Throwable> T trace(String spanName, Work<T, E> work) throws E {
        return run(block(spanBlocks, spanName, true), work);
    }

    @Override
    public void trace(String spanName, Runnable work) {
        run(block(spanBlocks, spanName, true), () -> {
            work.run();
            return null;
        });
    }

    @Override
    public <T, E extends Throwable> T time(String timerName, Work<T, E> work) throws E {
        return run(block(timerBlocks, timerName, false), work);
    }

    @Override
    public void time(String timerName, Runnable work) {
        run(block(timerBlocks, timerName, false), () -> {
            work.run();
            return null;
        });
    }

    private ObservedMethod block(Map<String, ObservedMethod> cache, String name, boolean span) {
        ObservedMethod found = cache.get(name);
        if (found != null) {
            return found;
        }
        // Names should be constants; if they are not, stop caching rather than grow without bound,
        // and share one descriptor so that no observer builds state per call.
        if (cache.size() >= MAX_NAMED_BLOCKS) {
            context.diagnostics().warnOnce("block-names", "more than " + MAX_NAMED_BLOCKS
                    + " distinct span/timer names passed to trace()/time(); names must be constants, not per-request values."
                    + " Further names are recorded as " + (span ? OVERFLOW_SPAN : OVERFLOW_TIMER));
            return span ? overflowSpan : overflowTimer;
        }
        ObservedMethod created = span ? ObservedMethod.named(name, null) : ObservedMethod.named(null, name);
        ObservedMethod raced = cache.putIfAbsent(name, created);
        return raced != null ? raced : created;
    }

    int cachedBlocks() {
        return spanBlocks.size() + timerBlocks.size();
    }

    private static <T, E extends Throwable> T run(ObservedMethod block, Work<T, E> work) throws E {
        Object call = MethodObservation.enter(block);
        T result;
        try {
            result = work.run();
        } catch (Throwable t) {
            MethodObservation.exit(call, null, t);
            throw t;
        }
        MethodObservation.exit(call, result, null);
        return result;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeSite = new Installer.CloseSite(Thread.currentThread().getName());
        Thread hook = shutdownHook;
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or about to; it will find us closed
            }
        }
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        // Requests the server is still completing (after SIGTERM the server usually stops after us)
        // finish with the pipeline open, so that their spans and events are flushed with the rest.
        httpObservation.awaitIdle(shutdownTimeout.dividedBy(2));
        List<ObservabilityModule> reversed = new ArrayList<>(modules);
        Collections.reverse(reversed);
        for (ObservabilityModule module : reversed) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            try {
                module.close(left);
            } catch (RuntimeException e) {
                context.diagnostics().warn("module " + module.name() + " failed to close: " + e);
            }
        }
        if (admin != null) {
            admin.stop();
        }
        MethodObserverRegistry.clear();
        ContextRegistry.reset();
    }

    HttpServerObservation httpObservation() {
        return httpObservation;
    }

    boolean isClosed() {
        return closed.get();
    }

    List<ObservabilityModule> modules() {
        return modules;
    }

    @Override
    public String toString() {
        return "Observability(" + context.service().name() + ", modules=" + modules.stream().map(ObservabilityModule::name).toList()
                + ", adminPort=" + adminPort() + ")";
    }
}
