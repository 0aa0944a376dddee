package dev.obs.internal.http;

import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import dev.obs.context.RequestIds;
import dev.obs.context.TraceParent;
import dev.obs.http.HttpServerRequest;
import dev.obs.internal.context.ContextRegistry;
import dev.obs.internal.context.RandomIds;
import dev.obs.redact.Redactor;
import dev.obs.sampling.SamplingPolicy;
import dev.obs.spi.HttpServerCall;
import dev.obs.spi.HttpServerObserver;
import java.util.List;

/**
 * The server-neutral observation of one request: context in, module observers around, context
 * out. The JDK filter adapts to it today; a Servlet filter can adapt to it the same way.
 */
public final class HttpServerObservation {

    private final HttpServerObserver[] observers;
    private final SamplingPolicy sampling;
    private final String requestIdHeader;
    private final Redactor redactor;

    public HttpServerObservation(List<HttpServerObserver> observers, SamplingPolicy sampling, String requestIdHeader,
                                 Redactor redactor) {
        this.observers = observers.toArray(new HttpServerObserver[0]);
        this.sampling = sampling;
        this.requestIdHeader = requestIdHeader;
        this.redactor = redactor;
    }

    /**
     * The request ID of an incoming request: the caller's when it is a safe token that redaction
     * leaves as it is, otherwise a fresh one. So the same ID goes back in the response header and
     * into the span, every log line and the error event; never one rewritten in part.
     */
    String requestId(String incoming) {
        return RequestIds.isValid(incoming) && redactor.redact(incoming).equals(incoming) ? incoming : RequestIds.generate();
    }

    public String requestIdHeader() {
        return requestIdHeader;
    }

    /** Starts observing: builds and attaches the request's context, then tells the observers. */
    public Exchange begin(HttpServerRequest request) {
        long start = System.nanoTime();
        RequestContext context = RequestContext.newRequest(requestId(request.header(requestIdHeader)));
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
        return new Exchange(request, context, scope, calls, start);
    }

    private RequestContext withTrace(RequestContext context, TraceParent parent) {
        if (parent != null) {
            return context.withTrace(parent.traceId(), null, sampling.sampleChild(parent.sampled()));
        }
        String traceId = RandomIds.traceId();
        return context.withTrace(traceId, null, sampling.sampleRoot(traceId));
    }

    private static void report(Object observer, RuntimeException e) {
        ContextRegistry.diagnostics().warnOnce("http-observer-" + observer.getClass().getName(),
                "HTTP observer " + observer.getClass().getName() + " failed: " + e);
    }

    /** One request being observed. */
    public static final class Exchange {
        private final HttpServerRequest request;
        private final RequestContext context;
        private final ContextScope scope;
        private final HttpServerCall[] calls;
        private final long start;

        Exchange(HttpServerRequest request, RequestContext context, ContextScope scope, HttpServerCall[] calls, long start) {
            this.request = request;
            this.context = context;
            this.scope = scope;
            this.calls = calls;
            this.start = start;
        }

        public RequestContext context() {
            return context;
        }

        /** Ends the observation on the request thread and detaches the context. */
        public void end(int status, Throwable error) {
            long duration = System.nanoTime() - start;
            String route = request.route();
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
                scope.close();
            }
        }
    }
}
