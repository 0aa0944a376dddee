package dev.obs.http;

import dev.obs.internal.http.HttpServerObservation;
import dev.obs.internal.runtime.Installer;

/**
 * The server-neutral observation of HTTP requests, for integrations with servers that obs has no
 * built-in filter for (obs-servlet's filter uses it). It does, for any server, what
 * {@code Observability.httpServerFilter()} does for the JDK's: a context per request, the
 * request ID in and out, the caller's trace continued, and every module observing the request.
 *
 * <pre>{@code
 * ObservedRequest observed = HttpObservation.begin(new MyServerRequest(raw));
 * if (observed == null) {            // obs is not installed (or OBS_ENABLED=false)
 *     handler.handle(raw);
 *     return;
 * }
 * ...
 * observed.end(status, failure);
 * }</pre>
 */
public final class HttpObservation {

    private HttpObservation() {
    }

    /**
     * Begins observing {@code request} with the installed obs and attaches its context to this
     * thread; {@code null} when obs is not installed or disabled, so that an integration costs
     * nothing then. Reads the installed instance on each call, so a filter created before
     * {@code Observability.install()} observes from then on.
     */
    public static ObservedRequest begin(HttpServerRequest request) {
        HttpServerObservation observation = Installer.httpObservation();
        return observation == null ? null : observation.beginAdapted(request);
    }
}
