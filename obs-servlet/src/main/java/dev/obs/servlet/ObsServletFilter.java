package dev.obs.servlet;

import dev.obs.context.ContextScope;
import dev.obs.http.HttpObservation;
import dev.obs.http.ObservedRequest;
import dev.obs.servlet.internal.AsyncEnd;
import dev.obs.servlet.internal.ObservedHttpRequest;
import dev.obs.servlet.internal.ServletRequestView;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Observes every request of a Servlet container (Jetty, Tomcat, Undertow, and Javalin, Spring MVC
 * or Dropwizard on them) the way {@code Observability.httpServerFilter()} does for the JDK's
 * server: {@code X-Request-ID} in and out, the caller's {@code traceparent} continued, one context
 * per request, RED metrics with the route template, a {@code GET /route} server span, an error
 * event for a failed request, and a handler's exception answered 500 without a stack trace when
 * nothing was committed.
 *
 * <pre>{@code
 * Observability.install();
 * ServletContextHandler context = new ServletContextHandler("/");       // Jetty 12 (ee10)
 * context.addFilter(ObsServletFilter.class, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
 * }</pre>
 *
 * Register it first in the chain, for all paths, with dispatcher types {@code REQUEST} and
 * {@code ASYNC} (the filter is {@code asyncSupported}). An asynchronous request is observed until
 * it completes, times out or fails, and work handed to {@code AsyncContext.start} runs with the
 * request's context. The status counted is the one the client saw, including
 * {@code sendError} and error pages. Routes come from {@link HttpRoute}. Until
 * {@code Observability.install()} has run, the filter passes requests through untouched.
 */
@WebFilter(filterName = "obs", urlPatterns = "/*", asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC})
public class ObsServletFilter implements Filter {

    private static final String OBSERVED = ObsServletFilter.class.getName() + ".observed";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest) || !(res instanceof HttpServletResponse)) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        Object already = request.getAttribute(OBSERVED);
        if (already instanceof ObservedRequest) {
            // an async, error or forward dispatch of a request being observed: its context, no second observation
            try (ContextScope ignored = ((ObservedRequest) already).context().makeCurrent()) {
                chain.doFilter(req, res);
            }
            return;
        }
        ObservedRequest observed = HttpObservation.begin(new ServletRequestView(request, response));
        if (observed == null) {
            chain.doFilter(req, res); // obs is not installed
            return;
        }
        request.setAttribute(OBSERVED, observed);
        String requestId = observed.context().requestId();
        response.setHeader(observed.requestIdHeader(), requestId);
        Throwable failure = null;
        try {
            chain.doFilter(new ObservedHttpRequest(request, observed.context()), response);
        } catch (Throwable t) {
            failure = t;
        }
        if (request.isAsyncStarted()) {
            endWhenAsyncEnds(request, response, observed, failure);
            return;
        }
        int status = response.getStatus();
        if (failure == null) {
            observed.end(status, null);
            return;
        }
        if (failure instanceof IOException && response.isCommitted()) {
            // The response was under way when the connection broke: the client went away, not a server error.
            observed.end(status, null);
            return;
        }
        try {
            observed.logFailure(failure);
            if (!response.isCommitted()) {
                status = 500;
                sendInternalError(response, observed.requestIdHeader(), requestId);
            }
        } finally {
            observed.end(status, failure);
        }
        if (failure instanceof Error && !(failure instanceof AssertionError)) {
            throw (Error) failure; // OutOfMemoryError and friends are not ours to swallow
        }
    }

    private static void endWhenAsyncEnds(HttpServletRequest request, HttpServletResponse response, ObservedRequest observed,
                                         Throwable failure) throws IOException, ServletException {
        AsyncEnd end = new AsyncEnd(observed, response);
        if (failure != null) {
            end.failed(failure);
            observed.logFailure(failure);
        }
        try {
            request.getAsyncContext().addListener(end);
        } catch (IllegalStateException alreadyOver) {
            // completed before the dispatch returned and the container no longer takes listeners
            observed.detach();
            int status = response.getStatus();
            observed.end(status, failure);
            rethrow(failure);
            return;
        }
        observed.detach();
        rethrow(failure); // the container reports it to the listeners (onError) and answers
    }

    private static void rethrow(Throwable failure) throws IOException, ServletException {
        if (failure == null) {
            return;
        }
        if (failure instanceof IOException) {
            throw (IOException) failure;
        }
        if (failure instanceof ServletException) {
            throw (ServletException) failure;
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        throw new ServletException(failure);
    }

    private static void sendInternalError(HttpServletResponse response, String requestIdHeader, String requestId) {
        byte[] body = ("Internal Server Error\nrequest id: " + requestId + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            response.reset();
            response.setHeader(requestIdHeader, requestId);
            response.setStatus(500);
            response.setContentType("text/plain; charset=utf-8");
            response.setContentLength(body.length);
            try {
                response.getOutputStream().write(body);
            } catch (IllegalStateException writerInUse) {
                response.getWriter().write(new String(body, StandardCharsets.UTF_8));
            }
            response.flushBuffer();
        } catch (IOException | RuntimeException ignored) {
            // The client is gone; the failure itself is already recorded.
        }
    }
}
