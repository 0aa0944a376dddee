package dev.obs.spi;

/** One observed server request in progress, as returned by {@link HttpServerObserver#onStart}. */
@FunctionalInterface
public interface HttpServerCall {

    /**
     * The request ended, with its context current: on the request thread, or, for an asynchronous
     * request (a Servlet {@code startAsync()}), on the thread that completed it.
     *
     * @param route          the final route template (a handler may have refined it)
     * @param status         the response status; 500 when the handler threw before responding,
     *                       0 when it sent nothing at all
     * @param error          what the handler threw, or {@code null}
     * @param durationNanos  time from the start of observation to the end
     */
    void onEnd(String route, int status, Throwable error, long durationNanos);
}
