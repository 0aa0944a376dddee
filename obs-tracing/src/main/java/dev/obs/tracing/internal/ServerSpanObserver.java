package dev.obs.tracing.internal;

import dev.obs.context.RequestContext;
import dev.obs.http.HttpServerRequest;
import dev.obs.spi.HttpServerCall;
import dev.obs.spi.HttpServerObserver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.NetworkAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import io.opentelemetry.semconv.UserAgentAttributes;

/**
 * The server span of every observed request. Before the request's context is attached it
 * continues the caller's trace from W3C {@code traceparent}/{@code tracestate} and {@code baggage}
 * (a malformed header starts a new trace, it never fails the request), starts the span
 * {@code GET /route} through the sampler ({@code HTTP /route} and {@code http.request.method=_OTHER}
 * for a method the semantic conventions do not know), and puts trace ID, span ID and the head decision into
 * the request context that every module sees.
 */
final class ServerSpanObserver implements HttpServerObserver {

    // The W3C propagators ask for their headers by name; nothing enumerates them.
    private static final TextMapGetter<HttpServerRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public String get(HttpServerRequest request, String key) {
            return request == null ? null : request.header(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final SpanErrors errors;

    /** The longest header value recorded (User-Agent); the span limits cut every attribute again later. */
    static final int MAX_HEADER_VALUE_LENGTH = 512;

    ServerSpanObserver(Tracer tracer, TextMapPropagator propagator, SpanErrors errors) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.errors = errors;
    }

    @Override
    public RequestContext beforeAttach(HttpServerRequest request, RequestContext context) {
        Context parent = propagator.extract(Context.root(), request, HEADERS);
        String method = HttpServerRequest.knownMethod(request.method());
        String route = request.route();
        Span span = tracer.spanBuilder(spanName(method, route))
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .startSpan();
        if (span.isRecording()) {
            span.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, method);
            span.setAttribute(HttpAttributes.HTTP_ROUTE, route);
            span.setAttribute(UrlAttributes.URL_PATH, request.path()); // redacted with every attribute at export
            span.setAttribute(UrlAttributes.URL_SCHEME, request.scheme());
            span.setAttribute(ServerAttributes.SERVER_PORT, (long) request.serverPort());
            span.setAttribute(NetworkAttributes.NETWORK_PROTOCOL_VERSION, request.protocolVersion());
            String userAgent = request.header("User-Agent");
            if (userAgent != null) {
                span.setAttribute(UserAgentAttributes.USER_AGENT_ORIGINAL, capped(userAgent));
            }
            span.setAttribute(SemanticAttributes.REQUEST_ID, context.requestId());
        }
        return ContextBridge.withSpan(context, span, parent.with(span));
    }

    // Semantic conventions: "{method} {route}"; an unknown method is named HTTP, never the client's text.
    static String spanName(String method, String route) {
        String name = HttpServerRequest.OTHER_METHOD.equals(method) ? "HTTP" : method;
        return route == null || route.isEmpty() ? name : name + " " + route;
    }

    static String capped(String headerValue) {
        return headerValue.length() <= MAX_HEADER_VALUE_LENGTH ? headerValue : headerValue.substring(0, MAX_HEADER_VALUE_LENGTH);
    }

    @Override
    public HttpServerCall onStart(HttpServerRequest request, RequestContext context) {
        Span span = ContextBridge.spanOf(context);
        if (span == null || !span.isRecording()) {
            return null;
        }
        String method = HttpServerRequest.knownMethod(request.method());
        String startRoute = request.route();
        return (route, status, error, durationNanos) -> {
            if (route != null && !route.equals(startRoute)) {
                span.updateName(spanName(method, route));
                span.setAttribute(HttpAttributes.HTTP_ROUTE, route);
            }
            if (status > 0) {
                span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
            }
            if (error != null) {
                errors.failed(span, error);
            } else if (status >= 500) {
                errors.failed(span, status);
            }
            span.end();
        };
    }
}
