package dev.obs.logging.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.obs.logging.ObsAsyncAppender;
import dev.obs.logging.ObsJsonEncoder;
import java.net.URL;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Finds out whether the application configured Logback, and configures it when it did not. */
public final class LogbackSetup {

    /** Names of the appenders obs attaches, so that a later install recognises its own set-up. */
    public static final String ASYNC_APPENDER = "obs-async";
    public static final String CONSOLE_APPENDER = "obs-console";

    // The appender Logback's BasicConfigurator attaches when it finds no configuration.
    private static final String LOGBACK_FALLBACK_APPENDER = "console";

    private LogbackSetup() {
    }

    /**
     * Where the application's own Logback configuration comes from, or {@code null} when it has
     * none and Logback runs on its fallback (or on obs's earlier set-up).
     */
    public static String findApplicationConfiguration(LoggerContext context) {
        String property = System.getProperty("logback.configurationFile");
        if (property != null && !property.isBlank()) {
            return "the system property logback.configurationFile=" + property;
        }
        for (ClassLoader loader : loaders()) {
            for (String resource : new String[] {"logback-test.xml", "logback.xml"}) {
                URL url = loader.getResource(resource);
                if (url != null) {
                    return resource + " at " + url;
                }
            }
        }
        for (ClassLoader loader : loaders()) {
            Iterator<Configurator> configurators = ServiceLoader.load(Configurator.class, loader).iterator();
            try {
                if (configurators.hasNext()) {
                    return "the Logback Configurator " + configurators.next().getClass().getName();
                }
            } catch (java.util.ServiceConfigurationError broken) {
                return "a Logback Configurator registered through ServiceLoader (" + broken.getMessage() + ")";
            }
        }
        // Configured in code, e.g. by a framework, before obs was installed.
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                Appender<ILoggingEvent> appender = it.next();
                String name = appender.getName();
                boolean fallback = logger.getName().equals(Logger.ROOT_LOGGER_NAME) && LOGBACK_FALLBACK_APPENDER.equals(name)
                        && appender instanceof ConsoleAppender;
                boolean ours = ASYNC_APPENDER.equals(name) || LogEventPublisher.NAME.equals(name);
                if (!fallback && !ours) {
                    return "appender \"" + name + "\" on logger " + logger.getName() + ", configured in code";
                }
            }
        }
        return null;
    }

    private static ClassLoader[] loaders() {
        ClassLoader own = LoggerContext.class.getClassLoader();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context == null || context == own ? new ClassLoader[] {own} : new ClassLoader[] {context, own};
    }

    /** Replaces Logback's configuration with obs's: console on stdout, async, JSON or text. */
    public static ObsAsyncAppender configure(LoggerContext context, LoggingSettings settings) {
        context.reset();
        if (settings.julBridge()) {
            addLevelPropagator(context, true);
        }

        Encoder<ILoggingEvent> encoder;
        if (settings.format() == LoggingSettings.Format.TEXT) {
            LayoutWrappingEncoder<ILoggingEvent> text = new LayoutWrappingEncoder<>();
            TextLayout layout = new TextLayout();
            layout.setContext(context);
            layout.start();
            text.setLayout(layout);
            encoder = text;
        } else {
            ObsJsonEncoder json = new ObsJsonEncoder();
            json.setMaxStackTraceLength(settings.maxStackTraceLength());
            json.setContext(context);
            encoder = new BackgroundStartedEncoder(json);
        }
        encoder.setContext(context);
        encoder.start();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setName(CONSOLE_APPENDER);
        console.setContext(context);
        console.setEncoder(encoder);
        console.start();

        ObsAsyncAppender async = new ObsAsyncAppender();
        async.setName(ASYNC_APPENDER);
        async.setContext(context);
        async.setQueueSize(settings.queueSize());
        async.addAppender(console);
        async.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(settings.rootLevel());
        root.addAppender(async);
        for (Map.Entry<String, ch.qos.logback.classic.Level> level : settings.loggerLevels().entrySet()) {
            context.getLogger(level.getKey()).setLevel(level.getValue());
        }
        return async;
    }

    /**
     * For an application with its own configuration: changes none of its appenders, encoders or
     * levels. Attaches the (silent) log event publisher to the root logger unless an
     * {@link ObsAsyncAppender} already publishes, and returns the publisher, or null.
     */
    public static LogEventPublisher attachPublisher(LoggerContext context, boolean julBridge) {
        if (julBridge) {
            addLevelPropagator(context, false);
        }
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                Appender<ILoggingEvent> appender = it.next();
                if (appender instanceof ObsAsyncAppender || appender instanceof LogEventPublisher) {
                    return null;
                }
            }
        }
        LogEventPublisher publisher = new LogEventPublisher();
        publisher.setName(LogEventPublisher.NAME);
        publisher.setContext(context);
        publisher.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(publisher);
        return publisher;
    }

    // Without it, a JUL logger keeps JUL's own level: disabled JUL levels would be formatted and
    // bridged only to be dropped, and Logback's DEBUG for a package would never see its JUL FINE.
    private static void addLevelPropagator(LoggerContext context, boolean resetJul) {
        for (LoggerContextListener listener : context.getCopyOfListenerList()) {
            if (listener instanceof LevelChangePropagator) {
                return;
            }
        }
        LevelChangePropagator propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(resetJul);
        propagator.start();
        context.addListener(propagator);
    }

    /** Routes {@code java.util.logging} (and {@code System.Logger}, which uses it by default) into SLF4J. */
    public static void bridgeJul() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
