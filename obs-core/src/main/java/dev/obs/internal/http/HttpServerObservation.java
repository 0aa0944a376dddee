package dev.obs.internal.http;

import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import dev.obs.context.RequestIds;
import dev.obs.context.TraceParent;
import dev.obs.http.HttpServerRequest;
import dev.obs.http.ObservedRequest;
import dev.obs.internal.context.ContextRegistry;
import dev.obs.internal.context.RandomIds;
import dev.obs.redact.Redactor;
import dev.obs.sampling.SamplingPolicy;
import dev.obs.spi.HttpServerCall;
import dev.obs.spi.HttpServerObserver;
import java.util.List;
import java.util.Set;

/**
 * The server-neutral observation of one request: context in, module observers around, context
 * out. The JDK filter adapts to it today; a Servlet filter can adapt to it the same way.
 */
public final class HttpServerObservation {

    private final HttpServerObserver[] observers;
    private final SamplingPolicy sampling;
    private final String requestIdHeader;
    private final Set<String> ignoredRoutes;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final Redactor redactor;
    private final boolean logOutputIsRedacted;

    public HttpServerObservation(List<HttpServerObserver> observers, SamplingPolicy sampling, String requestIdHeader) {
        this(observers, sampling, requestIdHeader, Set.of(), null, true);
    }

    /**
     * @param ignoredRoutes       routes (or exact paths) that get a request ID but no observers
     *                            ({@code obs.http.ignore.routes})
     * @param redactor            redacts failures that {@link Exchange#logFailure} logs when
     *                            {@code logOutputIsRedacted} is false
     * @param logOutputIsRedacted whether an obs logging module redacts what goes through the
     *                            platform logger
     */
    public HttpServerObservation(List<HttpServerObserver> observers, SamplingPolicy sampling, String requestIdHeader,
                                 Set<String> ignoredRoutes, Redactor redactor, boolean logOutputIsRedacted) {
        this.observers = observers.toArray(new HttpServerObserver[0]);
        this.sampling = sampling;
        this.requestIdHeader = requestIdHeader;
        this.ignoredRoutes = Set.copyOf(ignoredRoutes);
        this.redactor = redactor;
        this.logOutputIsRedacted = logOutputIsRedacted || redactor == null;
    }

    /**
     * The request ID of an incoming request: the caller's when it is a safe token that redaction
     * leaves as it is, otherwise a fresh one. So the same ID goes back in the response header and
     * into the span, every log line and the error event; never one rewritten in part.
     */
    String requestId(String incoming) {
        if (!RequestIds.isValid(incoming)) {
            return RequestIds.generate();
        }
        return redactor == null || redactor.redact(incoming).equals(incoming) ? incoming : RequestIds.generate();
    }

    /** {@link #begin} for server integrations outside core, through {@link dev.obs.http.HttpObservation}. */
    public ObservedRequest beginAdapted(HttpServerRequest request) {
        return begin(request);
    }

    private boolean ignored(HttpServerRequest request) {
        return !ignoredRoutes.isEmpty() && (ignoredRoutes.contains(request.path()) || ignoredRoutes.contains(request.route()));
    }

    private static final HttpServerCall[] NO_CALLS = new HttpServerCall[0];

    public String requestIdHeader() {
        return requestIdHeader;
    }

    /**
     * Waits until no observed request is under way, at most {@code timeout}; returns whether none is.
     * Lets close() flush the requests the server still completes after SIGTERM.
     */
    public boolean awaitIdle(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // Called from inside a request (a handler that closes obs), that request is not waited for.
        int own = ContextRegistry.current() != null ? 1 : 0;
        while (inFlight.get() > own) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Starts observing: builds and attaches the request's context, then tells the observers. */
    public Exchange begin(HttpServerRequest request) {
        long start = System.nanoTime();
        RequestContext context = RequestContext.newRequest(requestId(request.header(requestIdHeader)));
        if (ignored(request)) {
            // a noise route (health checks): a request ID for its logs, nothing else
            return new Exchange(this, request, context, context.makeCurrent(), NO_CALLS, start);
        }
        for (HttpServerObserver observer : observers) {
            try {
                context = observer.beforeAttach(request, context);
            } catch (RuntimeException e) {
                report(observer, e);
            }
        }
        if (context.traceId() == null) {
            context = withTrace(context, TraceParent.parse(request.header(TraceParent.HEADER)));
        }
        ContextScope scope = context.makeCurrent();
        HttpServerCall[] calls = new HttpServerCall[observers.length];
        for (int i = 0; i < observers.length; i++) {
            try {
                calls[i] = observers[i].onStart(request, context);
            } catch (RuntimeException e) {
                report(observers[i], e);
            }
        }
        return new Exchange(this, request, context, scope, calls, start);
    }

    private RequestContext withTrace(RequestContext context, TraceParent parent) {
        if (parent != null) {
            return context.withTrace(parent.traceId(), null, sampling.sampleChild(parent.sampled()));
        }
        String traceId = RandomIds.traceId();
        return context.withTrace(traceId, null, sampling.sampleRoot(traceId));
    }

    private static void report(Object observer, RuntimeException e) {
        ContextRegistry.observerFailed("http", "http-observer-" + observer.getClass().getName(),
                "HTTP observer " + observer.getClass().getName() + " failed: " + e);
    }

    /** One request being observed. */
    public static final class Exchange implements ObservedRequest {
        private static final System.Logger LOG = System.getLogger("dev.obs.http");

        private final HttpServerObservation owner;
        private final HttpServerRequest request;
        private final RequestContext context;
        private final ContextScope scope;
        private final HttpServerCall[] calls;
        private final long start;
        private volatile boolean detached;
        private boolean ended;

        Exchange(HttpServerObservation owner, HttpServerRequest request, RequestContext context, ContextScope scope,
                 HttpServerCall[] calls, long start) {
            this.owner = owner;
            this.request = request;
            this.context = context;
            this.scope = scope;
            this.calls = calls;
            this.start = start;
            owner.inFlight.incrementAndGet(); // until end()
        }

        @Override
        public RequestContext context() {
            return context;
        }

        @Override
        public String requestIdHeader() {
            return owner.requestIdHeader;
        }

        @Override
        public void detach() {
            if (!detached) {
                detached = true;
                scope.close();
            }
        }

        /**
         * Ends the observation and detaches the context: on the request thread, or, after
         * {@link #detach()}, on any thread (the context is attached there for the observers).
         */
        @Override
        public void end(int status, Throwable error) {
            if (ended) {
                return;
            }
            ended = true;
            long duration = System.nanoTime() - start;
            String route = request.route();
            ContextScope active = detached ? context.makeCurrent() : scope;
            try {
                for (int i = calls.length - 1; i >= 0; i--) {
                    if (calls[i] != null) {
                        try {
                            calls[i].onEnd(route, status, error, duration);
                        } catch (RuntimeException e) {
                            report(calls[i], e);
                        }
                    }
                }
            } finally {
                active.close();
                owner.inFlight.decrementAndGet();
            }
        }

        @Override
        public void logFailure(Throwable failure) {
            LOG.log(System.Logger.Level.ERROR, "request failed: " + request.method() + " " + request.route()
                    + " (request_id " + context.requestId() + ")",
                    owner.logOutputIsRedacted ? failure : RedactedFailure.of(failure, owner.redactor));
        }
    }
}
