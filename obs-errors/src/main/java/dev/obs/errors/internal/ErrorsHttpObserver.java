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
 *
 * <p>Sentry starts in the background: a request that begins before it is ready gets no scopes of
 * its own (Sentry's API does nothing until then) and its errors wait in the sink. If Sentry became
 * ready while such a request ran, the thread's Sentry scopes are replaced by fresh ones when it
 * ends, so that what the application set through Sentry's API meanwhile cannot reach the next
 * request this thread serves.
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
        if (errors == null) {
            return null;
        }
        if (reporter.sentryConfigured() && !reporter.sentryReady()) {
            return (route, status, error, durationNanos) -> {
                try {
                    errors.onEnd(route, status, error, durationNanos);
                } finally {
                    // Sentry's API works from Sentry.init on, a moment before the sink calls itself ready.
                    if (Sentry.isEnabled()) {
                        Sentry.setCurrentScopes(Sentry.forkedRootScopes("obs.http.server"));
                    }
                }
            };
        }
        if (!Sentry.isEnabled()) { // no DSN, and the application did not start Sentry itself
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
