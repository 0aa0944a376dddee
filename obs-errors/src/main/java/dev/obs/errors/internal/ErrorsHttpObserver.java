package dev.obs.errors.internal;

import dev.obs.context.RequestContext;
import dev.obs.http.HttpServerRequest;
import dev.obs.spi.HttpServerCall;
import dev.obs.spi.HttpServerObserver;

/** Gives each observed request its {@link RequestErrors}, kept in the request's context, and hears how it ends. */
final class ErrorsHttpObserver implements HttpServerObserver {

    private final ErrorReporter reporter;

    ErrorsHttpObserver(ErrorReporter reporter) {
        this.reporter = reporter;
    }

    @Override
    public RequestContext beforeAttach(HttpServerRequest request, RequestContext context) {
        return context.with(RequestErrors.KEY, new RequestErrors(reporter, request));
    }

    @Override
    public HttpServerCall onStart(HttpServerRequest request, RequestContext context) {
        return context.get(RequestErrors.KEY);
    }
}
