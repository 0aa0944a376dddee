package dev.obs.spi;

import dev.obs.context.RequestContext;
import dev.obs.http.HttpServerRequest;

/**
 * Observes server requests. For each request, in module order: {@link #beforeAttach} may enrich
 * the context (the tracing module extracts the caller's trace and starts the server span), the
 * context is attached, then {@link #onStart} runs on the request thread with the context current.
 */
public interface HttpServerObserver {

    /**
     * Returns the context to attach for this request, possibly enriched. The default keeps it.
     * When no observer sets a trace ID, core continues the caller's {@code traceparent} or starts
     * a new trace and takes the sampling decision itself.
     */
    default RequestContext beforeAttach(HttpServerRequest request, RequestContext context) {
        return context;
    }

    /** The request starts; return what to tell at its end, or {@code null}. */
    HttpServerCall onStart(HttpServerRequest request, RequestContext context);
}
