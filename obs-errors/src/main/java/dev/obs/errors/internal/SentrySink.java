package dev.obs.errors.internal;

import dev.obs.ServiceInfo;
import dev.obs.context.RequestContext;
import dev.obs.errors.CapturedError;
import dev.obs.redact.Redactor;
import dev.obs.spi.Diagnostics;
import dev.obs.spi.SelfMetrics;
import dev.obs.http.HttpServerRequest;
import io.sentry.Breadcrumb;
import io.sentry.DataCategory;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SentryOpenTelemetryMode;
import io.sentry.SentryOptions;
import io.sentry.SpanContext;
import io.sentry.SpanId;
import io.sentry.clientreport.DiscardReason;
import io.sentry.exception.ExceptionMechanismException;
import io.sentry.protocol.Mechanism;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.Response;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.User;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The Sentry client: initialised from obs's configuration only, with its asynchronous transport
 * and a bounded queue, so that a Sentry that is down or slow costs the application nothing but
 * dropped events, counted in {@code obs_errors_dropped_total}. Turns each error into an event
 * tagged with the IDs of its request and linked to its trace.
 *
 * <p>Sentry is initialised on a daemon thread, off the thread that calls {@code install()}. An
 * error captured before Sentry is ready is turned into its event at once (its IDs, request and
 * breadcrumbs are those of the moment it was captured) and waits, with at most
 * {@code obs.errors.queue.size} others, until Sentry is ready; one more is dropped and counted.
 * {@link #close} waits for the start (within its timeout), so what waits is sent before Sentry closes.
 */
final class SentrySink {

    static final String DROPPED = "obs.errors.dropped";
    static final String DROPPED_DESCRIPTION = "Error events not delivered to Sentry, by reason";
    static final String SAMPLED_OUT = "obs.errors.sampled.out";
    static final String SAMPLED_OUT_DESCRIPTION = "Error events not sent to Sentry because of obs.errors.sample.rate";
    /** Sentry's {@code DiscardReason} names, spelt out so that starting the module loads no Sentry class. */
    static final String QUEUE_OVERFLOW = "queue_overflow";
    static final String NETWORK_ERROR = "network_error";
    static final String RATELIMIT_BACKOFF = "ratelimit_backoff";

    private enum State { STARTING, READY, FAILED, CLOSED }

    private final ErrorsSettings settings;
    private final ServiceInfo service;
    private final Redactor redactor;
    private final Diagnostics diagnostics;
    private final SelfMetrics metrics;
    private final Object lock = new Object();
    private final ArrayDeque<SentryEvent> waiting = new ArrayDeque<>(); // captured before Sentry was ready
    private final Thread starter;
    private State state = State.STARTING; // guarded by lock
    private volatile boolean ready;
    private volatile SentryOptions options;
    private volatile DeliveryTracker tracker;

    private SentrySink(ErrorsSettings settings, ServiceInfo service, Redactor redactor, Diagnostics diagnostics,
                       SelfMetrics metrics) {
        this.settings = settings;
        this.service = service;
        this.redactor = redactor;
        this.diagnostics = diagnostics;
        this.metrics = metrics;
        this.starter = new Thread(this::initialise, "obs-sentry-start");
        starter.setDaemon(true);
    }

    /**
     * Registers the drop counters at zero, with or without a DSN, so that dashboards and rate()
     * see them before the first drop.
     */
    static void registerDropCounters(SelfMetrics metrics) {
        for (String reason : List.of(QUEUE_OVERFLOW, NETWORK_ERROR, RATELIMIT_BACKOFF)) {
            metrics.counter(DROPPED, DROPPED_DESCRIPTION, "reason", reason);
        }
    }

    /** Starts Sentry on a daemon thread and returns at once; events sent meanwhile wait for it. */
    static SentrySink start(ErrorsSettings settings, ServiceInfo service, Redactor redactor, Diagnostics diagnostics,
                            SelfMetrics metrics) {
        registerDropCounters(metrics);
        SentrySink sink = new SentrySink(settings, service, redactor, diagnostics, metrics);
        sink.starter.start();
        return sink;
    }

    /** Whether Sentry is initialised and takes events directly (no longer only waiting ones). */
    boolean isReady() {
        return ready;
    }

    private void initialise() {
        boolean started = false;
        String why = "";
        try {
            started = initSentry();
        } catch (RuntimeException | LinkageError e) {
            why = " (" + e + ")";
        }
        if (!started) {
            int lost;
            synchronized (lock) {
                if (state == State.STARTING) {
                    state = State.FAILED;
                }
                lost = waiting.size();
                waiting.clear();
            }
            diagnostics.warn("Sentry could not be started" + why + "; errors are counted and kept in memory but not sent"
                    + (lost > 0 ? " (" + lost + " captured meanwhile are not sent either)" : ""));
            return;
        }
        // What waited goes first, in order; what is captured meanwhile waits for the next round.
        while (true) {
            List<SentryEvent> batch;
            synchronized (lock) {
                if (state == State.CLOSED) {
                    break; // close() stopped waiting for the start and counted what waited
                }
                if (waiting.isEmpty()) {
                    state = State.READY;
                    ready = true;
                    return;
                }
                batch = new ArrayList<>(waiting);
                waiting.clear();
            }
            for (SentryEvent event : batch) {
                hand(event);
            }
        }
        Sentry.close();
    }

    @SuppressWarnings("deprecation") // sendDefaultPii: kept explicit, beside its successor dataCollection.userInfo
    private boolean initSentry() {
        EventScrubber scrubber = new EventScrubber(redactor, diagnostics);
        DeliveryTracker delivery = new DeliveryTracker(metrics, diagnostics, "Sentry (" + describe(settings.dsn()) + ")");
        tracker = delivery;
        SentryDiagnosticsLogger logger = new SentryDiagnosticsLogger(diagnostics, delivery);
        SentryOptions[] configured = new SentryOptions[1];
        Sentry.init(options -> {
            configured[0] = options;
            options.setDsn(settings.dsn());
            options.setEnvironment(settings.environment());
            options.setRelease(settings.release());
            // Only obs's configuration decides: no sentry.properties, no SENTRY_* lookups behind our back.
            options.setEnableExternalConfiguration(false);
            options.setSendDefaultPii(false);
            options.getDataCollection().setUserInfo(false);
            // Traces go to OTLP through obs-tracing; Sentry transactions stay off.
            options.setTracesSampleRate(null);
            options.setOpenTelemetryMode(SentryOpenTelemetryMode.OFF);
            // obs samples before building the event, so Sentry sends everything it is handed.
            options.setSampleRate(null);
            options.setMaxQueueSize(settings.queueSize());
            options.setBeforeSend(scrubber::scrub);
            options.setBeforeBreadcrumb(scrubber::scrub);
            options.setOnDiscard((reason, category, count) -> {
                if (category == DataCategory.Error && count != null) {
                    if (reason == DiscardReason.SAMPLE_RATE) {
                        metrics.counter(SAMPLED_OUT, SAMPLED_OUT_DESCRIPTION).add(count);
                    } else {
                        delivery.discarded(reason, count);
                    }
                }
            });
            // obs captures uncaught exceptions itself, deduplicates itself, and closes from its own hook.
            options.setEnableUncaughtExceptionHandler(false);
            options.setEnableDeduplication(false);
            options.setEnableShutdownHook(false);
            options.setEnableBackpressureHandling(false);
            // Sentry would look the host name up on the capturing thread; take it from the resource instead.
            options.setAttachServerName(false);
            options.setServerName(service.resourceAttributes().get("host.name"));
            options.setLogger(logger);
            options.setFatalLogger(logger);
            options.setDebug(true); // Sentry's logger only speaks in debug mode; ours keeps ERROR and above
            options.setDiagnosticLevel(SentryLevel.ERROR);
            options.setFlushTimeoutMillis(settings.shutdownTimeout().toMillis());
            options.setShutdownTimeoutMillis(settings.shutdownTimeout().toMillis());
        });
        options = configured[0];
        return configured[0] != null && Sentry.isEnabled();
    }

    /** The DSN's scheme, host and port: enough to say where, without its key. */
    private static String describe(String dsn) {
        try {
            java.net.URI uri = java.net.URI.create(dsn);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (RuntimeException e) {
            return "the configured DSN";
        }
    }

    /**
     * Hands the event to Sentry's queue, or, while Sentry starts, keeps it until Sentry is ready.
     * Returns its event ID, or {@code null} when it was dropped (counted) or Sentry is not running.
     */
    String send(Capture capture, RequestErrors request) {
        // Built now, also while Sentry starts: the event carries what is true at capture time.
        SentryEvent event = toEvent(capture, request);
        if (!ready) {
            synchronized (lock) {
                if (state == State.STARTING) {
                    if (waiting.size() >= settings.queueSize()) {
                        dropped(QUEUE_OVERFLOW, 1);
                        return null;
                    }
                    waiting.add(event);
                    return event.getEventId() == null ? null : event.getEventId().toString();
                }
                if (state != State.READY) {
                    return null; // Sentry failed to start, or is closed
                }
            }
        }
        return hand(event);
    }

    private String hand(SentryEvent event) {
        DeliveryTracker delivery = tracker;
        SentryId id;
        try {
            // The hint follows the event to its end, so that every loss is counted (see DeliveryTracker).
            id = Sentry.captureEvent(event, delivery.newHint());
        } finally {
            delivery.handedOver();
        }
        return id == null || SentryId.EMPTY_ID.equals(id) ? null : id.toString();
    }

    private void dropped(String reason, long count) {
        metrics.counter(DROPPED, DROPPED_DESCRIPTION, "reason", reason).add(count);
    }

    private SentryEvent toEvent(Capture capture, RequestErrors request) {
        CapturedError.Source source = capture.source();
        Mechanism mechanism = new Mechanism();
        mechanism.setType(mechanismType(source));
        // Escaping the handler or the thread means the application did not handle it.
        mechanism.setHandled(source != CapturedError.Source.HTTP_SERVER && source != CapturedError.Source.UNCAUGHT);
        SentryEvent event = new SentryEvent(new ExceptionMechanismException(mechanism, capture.error(), capture.thread(), false));
        event.setLevel(source == CapturedError.Source.UNCAUGHT ? SentryLevel.FATAL : SentryLevel.ERROR);
        if (capture.logMessage() != null) {
            Message message = new Message();
            message.setFormatted(capture.logMessage());
            event.setMessage(message);
            event.setLogger(capture.logger());
        }
        event.setTag("service", service.name());
        event.setTag("env", service.environment());
        event.setTag("capture", mechanism.getType());
        RequestContext context = capture.context();
        if (context != null) {
            event.setTag("request_id", context.requestId());
            if (context.traceId() != null) {
                event.setTag("trace_id", context.traceId());
                event.getContexts().setTrace(traceContext(context, request != null));
            }
            if (context.spanId() != null) {
                event.setTag("span_id", context.spanId());
            }
            if (context.userId() != null) {
                User user = new User();
                user.setId(context.userId());
                event.setUser(user);
            }
        }
        if (request != null) {
            addRequest(event, request);
        }
        return event;
    }

    private static SpanContext traceContext(RequestContext context, boolean server) {
        // Without obs-tracing there is a trace ID but no span: Sentry needs one, so it gets a fresh one.
        SpanId spanId = context.spanId() != null ? new SpanId(context.spanId()) : new SpanId();
        SpanContext trace = new SpanContext(new SentryId(context.traceId()), spanId, null,
                server ? "http.server" : "default", null, null, null, "manual");
        trace.setSampled(context.sampled());
        return trace;
    }

    private static void addRequest(SentryEvent event, RequestErrors request) {
        String method = request.method();
        String route = request.route();
        int status = request.status();
        Request sentryRequest = new Request();
        sentryRequest.setMethod(method);
        sentryRequest.setUrl(request.path()); // redacted in beforeSend; headers and cookies are never collected
        event.setRequest(sentryRequest);
        if (route != null) {
            event.setTag("http.route", route);
            event.setTransaction((HttpServerRequest.OTHER_METHOD.equals(method) ? "HTTP" : method) + " " + route);
        }
        event.setTag("http.request.method", method);
        if (status > 0) {
            event.setTag("http.response.status_code", Integer.toString(status));
            Response response = new Response();
            response.setStatusCode(status);
            event.getContexts().setResponse(response);
        }
        for (LogLine line : request.logLines()) {
            Breadcrumb crumb = new Breadcrumb(new Date(line.epochMillis()));
            crumb.setType("default");
            crumb.setCategory(line.logger());
            crumb.setLevel(level(line.level()));
            crumb.setMessage(line.message());
            event.addBreadcrumb(crumb);
        }
    }

    private static SentryLevel level(String level) {
        switch (level) {
            case "ERROR": return SentryLevel.ERROR;
            case "WARN": return SentryLevel.WARNING;
            case "INFO": return SentryLevel.INFO;
            default: return SentryLevel.DEBUG;
        }
    }

    private static String mechanismType(CapturedError.Source source) {
        switch (source) {
            case HTTP_SERVER: return "obs.http_server";
            case TRACED_METHOD: return "obs.traced";
            case UNCAUGHT: return "UncaughtExceptionHandler";
            case LOG: return "obs.log";
            default: return "obs.manual";
        }
    }

    /**
     * Waits for Sentry's start (and for what waited to be handed over), then sends what is queued
     * and stops Sentry's threads, all within {@code timeout}. If Sentry has not started by then,
     * what still waits is dropped and counted, and Sentry is closed as soon as its start ends.
     */
    void close(Duration timeout) {
        long budget = Math.max(1, timeout.toMillis());
        long deadline = System.nanoTime() + budget * 1_000_000L;
        if (!timeout.isZero() && !timeout.isNegative() && Thread.currentThread() != starter) {
            try {
                starter.join(budget);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int lost;
        synchronized (lock) {
            boolean wasReady = state == State.READY;
            state = State.CLOSED;
            ready = false;
            lost = waiting.size();
            waiting.clear();
            if (!wasReady) {
                // Still starting (it closes Sentry itself when its start ends), or failed: nothing to flush.
                if (lost > 0) {
                    dropped(QUEUE_OVERFLOW, lost);
                    diagnostics.warn("Sentry did not start within the shutdown timeout; " + lost
                            + " error event(s) were not sent and are counted in obs_errors_dropped_total");
                }
                return;
            }
        }
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
        // Sentry waits in up to three places while closing (flush, transport, executor): split the budget.
        SentryOptions sentryOptions = options;
        sentryOptions.setShutdownTimeoutMillis(Math.max(1, left / 3));
        sentryOptions.setFlushTimeoutMillis(Math.max(1, left / 3));
        Sentry.close();
    }
}
