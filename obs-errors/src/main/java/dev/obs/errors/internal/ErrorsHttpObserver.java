package dev.obs.errors.internal;

import dev.obs.context.RequestContext;
import dev.obs.http.HttpServerRequest;
import dev.obs.spi.HttpServerCall;
import dev.obs.spi.HttpServerObserver;
import io.sentry.IScopes;
import io.sentry.ISentryLifecycleToken;
import io.sentry.Sentry;

/**
 * Gives each observed request its {@link RequestErrors}, kept in the request's context, and hears
 * how it ends. With Sentry running, each request also gets its own Sentry scopes, forked without
 * breadcrumbs and closed when it ends: what the application adds through Sentry's API during one
 * request (breadcrumbs, extras, tags) goes into that request's events only, never into another's.
 */
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
        RequestErrors errors = context.get(RequestErrors.KEY);
        if (errors == null || !Sentry.isEnabled()) {
            return errors;
        }
        IScopes scopes = Sentry.forkedScopes("obs.http.server");
        scopes.getIsolationScope().clearBreadcrumbs();
        scopes.getScope().clearBreadcrumbs();
        ISentryLifecycleToken token = scopes.makeCurrent();
        return (route, status, error, durationNanos) -> {
            try {
                errors.onEnd(route, status, error, durationNanos); // reports within the request's scopes
            } finally {
                token.close();
            }
        };
    }
}
