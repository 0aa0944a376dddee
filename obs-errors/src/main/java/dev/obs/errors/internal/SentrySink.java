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
import java.util.Date;
import java.util.List;

/**
 * The Sentry client: initialised from obs's configuration only, with its asynchronous transport
 * and a bounded queue, so that a Sentry that is down or slow costs the application nothing but
 * dropped events, counted in {@code obs_errors_dropped_total}. Turns each error into an event
 * tagged with the IDs of its request and linked to its trace.
 */
final class SentrySink {

    static final String DROPPED = "obs.errors.dropped";
    static final String DROPPED_DESCRIPTION = "Error events not delivered to Sentry, by reason";
    static final String SAMPLED_OUT = "obs.errors.sampled.out";
    static final String SAMPLED_OUT_DESCRIPTION = "Error events not sent to Sentry because of obs.errors.sample.rate";

    private final SentryOptions options;
    private final ServiceInfo service;
    private final DeliveryTracker tracker;

    private SentrySink(SentryOptions options, ServiceInfo service, DeliveryTracker tracker) {
        this.options = options;
        this.service = service;
        this.tracker = tracker;
    }

    /**
     * Registers the drop counters at zero, with or without a DSN, so that dashboards and rate()
     * see them before the first drop.
     */
    static void registerDropCounters(SelfMetrics metrics) {
        for (DiscardReason reason : List.of(DiscardReason.QUEUE_OVERFLOW, DiscardReason.NETWORK_ERROR,
                DiscardReason.RATELIMIT_BACKOFF)) {
            metrics.counter(DROPPED, DROPPED_DESCRIPTION, "reason", reason.getReason());
        }
    }

    @SuppressWarnings("deprecation") // sendDefaultPii: kept explicit, beside its successor dataCollection.userInfo
    static SentrySink start(ErrorsSettings settings, ServiceInfo service, Redactor redactor, Diagnostics diagnostics,
                            SelfMetrics metrics) {
        registerDropCounters(metrics);
        EventScrubber scrubber = new EventScrubber(redactor, diagnostics);
        DeliveryTracker tracker = new DeliveryTracker(metrics, diagnostics, "Sentry (" + describe(settings.dsn()) + ")");
        SentryDiagnosticsLogger logger = new SentryDiagnosticsLogger(diagnostics, tracker);
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
                        tracker.discarded(reason, count);
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
        if (configured[0] == null || !Sentry.isEnabled()) {
            diagnostics.warn("Sentry could not be started; errors are counted and kept in memory but not sent");
            return null;
        }
        return new SentrySink(configured[0], service, tracker);
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

    /** Hands the event to Sentry's queue; returns its event ID, or {@code null} when Sentry dropped it. */
    String send(Capture capture, RequestErrors request) {
        SentryEvent event = toEvent(capture, request);
        SentryId id;
        try {
            // The hint follows the event to its end, so that every loss is counted (see DeliveryTracker).
            id = Sentry.captureEvent(event, tracker.newHint());
        } finally {
            tracker.handedOver();
        }
        return id == null || SentryId.EMPTY_ID.equals(id) ? null : id.toString();
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

    /** Sends what is queued, within {@code timeout}, and stops Sentry's threads. */
    void close(Duration timeout) {
        long millis = Math.max(1, timeout.toMillis());
        // Sentry waits in up to three places while closing (flush, transport, executor): split the budget.
        options.setShutdownTimeoutMillis(Math.max(1, millis / 3));
        options.setFlushTimeoutMillis(Math.max(1, millis / 3));
        Sentry.close();
    }
}
