package dev.obs.internal.runtime;

import dev.obs.Observability;
import dev.obs.ServiceInfo;
import dev.obs.config.Config;
import dev.obs.config.ConfigException;
import dev.obs.config.ConfigKey;
import dev.obs.internal.admin.AdminServer;
import dev.obs.internal.config.CoreConfig;
import dev.obs.internal.context.ContextRegistry;
import dev.obs.internal.method.MethodObserverRegistry;
import dev.obs.internal.weaving.UnwovenClassCheck;
import dev.obs.redact.Redactor;
import dev.obs.sampling.SamplingPolicy;
import dev.obs.spi.ObservabilityModule;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Installs obs once per process and remembers where that happened. */
public final class Installer {

    /** What the builder collected. */
    public record Settings(Map<String, String> builderValues, Map<String, String> environment, Properties systemProperties,
                           Path configFile, boolean shutdownHook) {
    }

    /** Carries the stack of the first {@code install()} as the cause of the second one's exception. */
    static final class FirstInstall extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FirstInstall(String thread) {
            super("obs was first installed here, on thread " + thread);
        }
    }

    /** Carries the stack of the {@code close()} that a later {@code install()} ran into. */
    static final class CloseSite extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final String thread;

        CloseSite(String thread) {
            super("obs was closed here, on thread " + thread);
            this.thread = thread;
        }
    }

    private static volatile Observability current = NoopObservability.INSTANCE;
    private static FirstInstall firstInstall;

    private Installer() {
    }

    public static Observability current() {
        return current;
    }

    /** The HTTP observation of the installed obs, or {@code null} when none is installed or it is disabled. */
    public static dev.obs.internal.http.HttpServerObservation httpObservation() {
        Observability installed = current;
        return installed instanceof ObservabilityRuntime runtime && !runtime.isClosed() ? runtime.httpObservation() : null;
    }

    public static synchronized Observability install(Settings settings) {
        if (firstInstall != null && current instanceof ObservabilityRuntime closed && closed.closeSite != null) {
            CloseSite closeSite = closed.closeSite;
            if (closeSite.getCause() == null) {
                closeSite.initCause(firstInstall);
            }
            throw new IllegalStateException("obs was installed and then closed, and cannot be installed again: "
                    + "Observability.install() runs once per process, also after close(). Install it once in main and let the "
                    + "shutdown hook close it at exit. The cause of this exception shows where close() was called "
                    + "(on thread " + closeSite.thread + "); its cause, the first install().", closeSite);
        }
        if (firstInstall != null) {
            throw new IllegalStateException("obs is already installed: Observability.install() runs once per process; "
                    + "use Observability.current() to reach the instance. The cause of this exception shows the first call.",
                    firstInstall);
        }
        FirstInstall site = new FirstInstall(Thread.currentThread().getName());
        Config config = loadConfig(settings, CoreConfig.KEYS);
        if (!config.getBoolean(CoreConfig.ENABLED.name())) {
            firstInstall = site;
            current = NoopObservability.INSTANCE;
            return current;
        }
        StderrDiagnostics diagnostics = ContextRegistry.diagnostics();
        ServiceInfo service = CoreConfig.serviceInfo(config);
        SamplingPolicy sampling = CoreConfig.samplingPolicy(config);
        Redactor redactor = CoreConfig.redactor(config);
        boolean adminEnabled = config.getBoolean(CoreConfig.ADMIN_ENABLED.name());
        int adminPort = config.getInt(CoreConfig.ADMIN_PORT.name(), 0, 65535);
        boolean adminRequired = config.getBoolean(CoreConfig.ADMIN_REQUIRED.name());
        String adminHost = config.getString(CoreConfig.ADMIN_HOST.name());
        Duration shutdownTimeout = config.getDuration(CoreConfig.SHUTDOWN_TIMEOUT.name());
        if (!dev.obs.context.RequestIds.isValid(config.getString(CoreConfig.REQUEST_ID_HEADER.name()))) {
            throw new ConfigException(CoreConfig.REQUEST_ID_HEADER.name(), config.getString(CoreConfig.REQUEST_ID_HEADER.name()),
                    config.sourceOf(CoreConfig.REQUEST_ID_HEADER.name()), "an HTTP header name such as X-Request-ID");
        }

        List<ObservabilityModule> modules = discoverModules(diagnostics);
        List<ConfigKey> moduleKeys = new ArrayList<>();
        for (ObservabilityModule module : modules) {
            moduleKeys.addAll(module.configKeys());
        }
        config = config.withKeys(moduleKeys);
        warnAboutUnknownKeys(config, settings, diagnostics);

        ModuleContextImpl context = new ModuleContextImpl(config, service, sampling, redactor, diagnostics);
        context.moduleNames(modules.stream().map(ObservabilityModule::name).collect(java.util.stream.Collectors.toSet()));
        ContextRegistry.setSelfMetrics(context.selfMetrics());
        List<ObservabilityModule> started = new ArrayList<>();
        for (ObservabilityModule module : modules) {
            context.currentModule = module.name();
            try {
                module.start(context);
                started.add(module);
            } catch (ConfigException e) {
                context.rollback(module.name());
                closeQuietly(module);
                stopAll(started, diagnostics);
                throw e;
            } catch (Exception | LinkageError e) {
                diagnostics.warn("module " + module.name() + " failed to start and is left out: " + e
                        + "; the other modules run without it");
                // Whatever it registered before failing goes too, and it closes what it built.
                context.rollback(module.name());
                closeQuietly(module);
            }
        }

        UnwovenClassCheck.report(Installer.class.getClassLoader(), diagnostics);

        AdminServer admin = null;
        if (adminEnabled) {
            try {
                admin = AdminServer.start(adminHost, adminPort);
                for (Map.Entry<String, com.sun.net.httpserver.HttpHandler> route : context.adminRoutes().entrySet()) {
                    admin.addRoute(route.getKey(), route.getValue());
                }
                for (Map.Entry<String, com.sun.net.httpserver.HttpHandler> route : context.adminPrefixRoutes().entrySet()) {
                    admin.addPrefixRoute(route.getKey(), route.getValue());
                }
                AdminServer a = admin;
                context.readinessChecks().forEach(a::addReadinessCheck);
            } catch (IOException | RuntimeException e) {
                if (admin != null) {
                    admin.stop();
                    admin = null;
                }
                String where = adminHost + ":" + adminPort;
                if (adminRequired) {
                    stopAll(started, diagnostics);
                    throw new IllegalStateException("obs: the admin server could not listen on " + where + " (" + e
                            + ") and obs.admin.required is true: set OBS_ADMIN_PORT to a free port (0 for any), "
                            + "or OBS_ADMIN_REQUIRED=false to run without /health, /ready and /metrics", e);
                }
                diagnostics.warn("the admin server could not listen on " + where + " (" + e
                        + "): /health, /ready and /metrics are unavailable; set OBS_ADMIN_PORT to a free port, or 0 for any"
                        + " (OBS_ADMIN_REQUIRED=true makes this fail install() instead)");
            }
        }

        ObservabilityRuntime runtime = new ObservabilityRuntime(config, context, started, admin, shutdownTimeout);
        if (settings.shutdownHook()) {
            Thread hook = new Thread(runtime::close, "obs-shutdown");
            runtime.shutdownHook = hook;
            Runtime.getRuntime().addShutdownHook(hook);
        }
        firstInstall = site;
        current = runtime;
        return runtime;
    }

    private static void closeQuietly(ObservabilityModule module) {
        try {
            module.close(Duration.ZERO);
        } catch (RuntimeException | LinkageError ignored) {
            // it never started; nothing more to say
        }
    }

    private static void stopAll(List<ObservabilityModule> started, StderrDiagnostics diagnostics) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                diagnostics.warn("module " + started.get(i).name() + " failed to close: " + e);
            }
        }
        MethodObserverRegistry.clear();
        ContextRegistry.reset();
    }

    /** Closes what is installed and forgets it (tests only). */
    public static synchronized void reset() {
        Observability installed = current;
        current = NoopObservability.INSTANCE;
        firstInstall = null;
        installed.close();
        MethodObserverRegistry.clear();
        ContextRegistry.reset();
        ContextRegistry.diagnostics().reset();
    }

    static List<ObservabilityModule> discoverModules(StderrDiagnostics diagnostics) {
        List<ObservabilityModule> modules = new ArrayList<>();
        Iterator<ObservabilityModule> it = ServiceLoader.load(ObservabilityModule.class, Installer.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                modules.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                diagnostics.warn("an obs module could not be loaded and is left out: " + e
                        + "; check that all obs artifacts have the same version (use obs-bom)");
            }
        }
        modules.sort(Comparator.comparingInt(ObservabilityModule::order).thenComparing(ObservabilityModule::name));
        return Collections.unmodifiableList(modules);
    }

    static Config loadConfig(Settings settings, List<ConfigKey> keys) {
        List<Config.Source> sources = new ArrayList<>();
        Map<String, String> env = settings.environment();
        Map<String, String> sysprops = new HashMap<>();
        settings.systemProperties().forEach((k, v) -> sysprops.put(String.valueOf(k), String.valueOf(v)));
        Config.Source envSource = new Config.Source("environment variable", env);
        Config.Source sysSource = new Config.Source("system property", sysprops);
        Config.Source builderSource = new Config.Source("builder", settings.builderValues());

        Path file = settings.configFile();
        if (file == null) {
            String named = Config.of(keys, List.of(envSource, sysSource, builderSource)).getString(CoreConfig.CONFIG_FILE.name());
            file = named.isEmpty() ? null : Path.of(named);
        }
        if (file != null) {
            sources.add(new Config.Source("properties file " + file, readProperties(file)));
        }
        sources.add(envSource);
        sources.add(sysSource);
        sources.add(builderSource);
        return Config.of(keys, sources);
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(CoreConfig.CONFIG_FILE.name(), file.toString(), "",
                    "a readable UTF-8 properties file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        Map<String, String> values = new HashMap<>();
        properties.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
        return values;
    }

    private static void warnAboutUnknownKeys(Config config, Settings settings, StderrDiagnostics diagnostics) {
        java.util.Set<String> known = new java.util.HashSet<>();
        for (ConfigKey key : config.keys()) {
            known.add(key.name());
        }
        java.util.Set<String> seen = new java.util.TreeSet<>();
        settings.environment().keySet().forEach(k -> seen.add(Config.normalise(k)));
        settings.systemProperties().keySet().forEach(k -> seen.add(Config.normalise(String.valueOf(k))));
        settings.builderValues().keySet().forEach(k -> seen.add(Config.normalise(k)));
        for (String key : seen) {
            if (key.startsWith("obs.") && !known.contains(key)) {
                diagnostics.warnOnce("unknown-key-" + key, "unknown configuration key " + key + " ("
                        + key.replace('.', '_').toUpperCase(java.util.Locale.ROOT)
                        + ") is ignored; docs/configuration.md lists every key (a module may be missing from the class path)");
            }
        }
    }
}
