package dev.obs.spi;

import com.sun.net.httpserver.HttpHandler;
import dev.obs.HealthCheck;
import dev.obs.ServiceInfo;
import dev.obs.config.Config;
import dev.obs.context.RequestContext;
import dev.obs.redact.Redactor;
import dev.obs.sampling.SamplingPolicy;

/** What a module gets at start: the shared settings and the points where it contributes. */
public interface ModuleContext {

    /** The configuration, with every module's keys declared. */
    Config config();

    /** The service's name, version and environment. */
    ServiceInfo service();

    /** The one sampling policy. */
    SamplingPolicy sampling();

    /** The one redaction policy; apply it to everything before it leaves the process. */
    Redactor redactor();

    /** Where to report problems of obs itself ({@code obs:} on stderr). */
    Diagnostics diagnostics();

    /** obs's own health metrics. */
    SelfMetrics selfMetrics();

    /** Replaces core's thread-local context storage. Only one module may do so. */
    void setContextStorage(ContextStorage storage);

    /** Listens to context changes on every thread. */
    void addContextListener(ContextListener listener);

    /**
     * Tells the context listeners that {@code current} became current on this thread by a path
     * that bypassed {@link RequestContext#makeCurrent()}, such as a span made current through the
     * OpenTelemetry API.
     */
    void contextChanged(RequestContext current);

    /** Observes {@code @Traced}/{@code @Timed} methods and programmatic blocks. */
    void addMethodObserver(MethodObserver observer);

    /** Observes server requests. */
    void addHttpServerObserver(HttpServerObserver observer);

    /** Observes database operations reported by integrations such as {@code obs-jdbc}. */
    void addDbClientObserver(DbClientObserver observer);

    /**
     * Serves {@code handler} at exactly {@code path} on the admin port, e.g. {@code /metrics}: neither
     * {@code /metrics/} nor {@code /metrics/x} reach it (they are 404).
     *
     * @throws IllegalArgumentException if the path does not start with {@code /} or is taken
     */
    void addAdminRoute(String path, HttpHandler handler);

    /**
     * Serves {@code handler} at every path that starts with {@code prefix} on the admin port, for a
     * module that serves a tree of pages or files (e.g. {@code /console/}). An exact route wins over a
     * prefix, and a longer prefix over a shorter one.
     *
     * @param prefix starts and ends with {@code /}
     * @throws IllegalArgumentException if the prefix is malformed or taken
     */
    void addAdminPrefixRoute(String prefix, HttpHandler handler);

    /** Adds a check to {@code /ready}. */
    void addReadinessCheck(String name, HealthCheck check);

    /** Receives log events (the logging module publishes them through {@link #logEvents()}). */
    void addLogEventListener(LogEventListener listener);

    /** The dispatcher that the logging module hands its events to; a no-op when nobody listens. */
    LogEventListener logEvents();

    /**
     * Listens to the signals the pillars publish (log lines, recorded spans, error events). The
     * console uses it; pillars publish through {@link #signals()}.
     */
    void addSignalListener(SignalListener listener);

    /**
     * The dispatcher that pillars publish their redacted signals to. Its
     * {@link SignalListener#isListening()} says whether anyone listens at the moment; listeners
     * may register after the publishing module started, so ask at publish time.
     */
    SignalListener signals();

    /** The names of every module installed (started or starting), e.g. {@code logging}, {@code tracing}. */
    java.util.Set<String> moduleNames();
}
