package dev.obs.http;

import dev.obs.context.RequestContext;

/**
 * One request being observed, as a server integration (such as obs-servlet's filter) drives it.
 * Handlers never see it; they see the request's {@link RequestContext}.
 *
 * <pre>{@code
 * ObservedRequest observed = HttpObservation.begin(request);   // context attached on this thread
 * if (observed == null) { serve(); return; }                    // obs is not installed
 * response.setHeader(observed.requestIdHeader(), observed.context().requestId());
 * try {
 *     serve();
 * } finally {
 *     if (asyncStarted) observed.detach();                      // ends later, on any thread
 *     else observed.end(status, failure);
 * }
 * }</pre>
 */
public interface ObservedRequest {

    /** The request's context (request ID, trace). */
    RequestContext context();

    /** The header that carries the request ID in and out, e.g. {@code X-Request-ID}. */
    String requestIdHeader();

    /**
     * The request goes on after this thread lets go of it (an asynchronous request): restores the
     * context this thread had before {@link HttpObservation#begin}. Call it on the thread that
     * began the observation; {@link #end} may then run on any thread.
     */
    void detach();

    /**
     * Ends the observation: the observers see the final route, status, failure and duration with
     * the request's context current, then the context is detached. Only the first call counts.
     *
     * @param status the status the client saw; 0 when nothing was sent
     * @param error  what the handler threw, or {@code null}
     */
    void end(int status, Throwable error);

    /**
     * Logs that the handler failed, the way obs's own filters do: one ERROR line naming the method,
     * the route and the request ID, with the failure redacted when no obs logging module redacts
     * log output.
     */
    void logFailure(Throwable failure);
}
