package dev.obs.tracing.internal;

import dev.obs.context.RequestContext;
import dev.obs.http.HttpServerRequest;
import dev.obs.spi.HttpServerCall;
import dev.obs.spi.HttpServerObserver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.NetworkAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import io.opentelemetry.semconv.UserAgentAttributes;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
    private final SpanNames names = new SpanNames();

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
        Span span = tracer.spanBuilder(names.of(method, route))
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .startSpan();
        if (span.isRecording()) {
            ServerCall call = new ServerCall(span, request, method, route, context.requestId());
            // Not sampled, recorded in case it fails or is slow: the attributes are read from the
            // request and given to the span only if its request is kept (nearly all are not), while
            // the span ends, that is before the request is complete.
            KeepSegmentProcessor.Segment segment = span.getSpanContext().isSampled() ? null : KeepSegmentProcessor.takeStarted(span);
            if (segment == null || !segment.defer(call)) {
                call.setAttributesOn(span);
            }
            STARTING.set(call);
        }
        return ContextBridge.withSpan(context, span, parent.with(span));
    }

    /**
     * Span names by method and route, made once per route rather than per request. Routes are
     * templates, so there are few; past {@value #MAX_NAMES_PER_METHOD} a method's names are made
     * each time, so that a handler that names raw paths as routes cannot grow it without bound.
     */
    static final class SpanNames {
        static final int MAX_NAMES_PER_METHOD = 256;
        private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
                HttpServerRequest.OTHER_METHOD};
        @SuppressWarnings("unchecked")
        private final ConcurrentHashMap<String, String>[] byRoute = new ConcurrentHashMap[METHODS.length];

        SpanNames() {
            for (int i = 0; i < byRoute.length; i++) {
                byRoute[i] = new ConcurrentHashMap<>();
            }
        }

        /** {@link #spanName}, for a method that {@link HttpServerRequest#knownMethod} returned. */
        String of(String method, String route) {
            if (route == null || route.isEmpty()) {
                return spanName(method, route);
            }
            int index = index(method);
            if (index < 0) {
                return spanName(method, route);
            }
            ConcurrentHashMap<String, String> names = byRoute[index];
            String name = names.get(route);
            if (name == null) {
                name = spanName(method, route);
                if (names.size() < MAX_NAMES_PER_METHOD) {
                    names.putIfAbsent(route, name);
                }
            }
            return name;
        }

        private static int index(String method) {
            for (int i = 0; i < METHODS.length; i++) {
                if (METHODS[i].equals(method)) {
                    return i;
                }
            }
            return -1;
        }
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
        ServerCall call = STARTING.get();
        if (call == null) {
            return null;
        }
        STARTING.set(null);
        // Made by beforeAttach on this thread for this very request (another observer may have replaced the context)
        return call.span == ContextBridge.spanOf(context) && call.span.isRecording() ? call : null;
    }

    /** The call beforeAttach made, until onStart takes it (same thread, same request). */
    private static final ThreadLocal<ServerCall> STARTING = new ThreadLocal<>();

    /**
     * One recorded server span and its end. For a sampled span the attributes are set when it
     * starts; for one only recorded in case its request is kept, {@link KeepSegmentProcessor} asks
     * for them ({@link #attributesOver}) only if it is, inside {@code span.end()}: the request is
     * still being served then (observers end before the server completes it), so it can be read.
     */
    final class ServerCall implements HttpServerCall {
        final Span span;
        private final HttpServerRequest request;
        private final String method;
        private final String startRoute;
        private final String requestId;
        private boolean deferred;
        // Written by onEnd before span.end(), read by the keep processor inside span.end(), same thread.
        private String endRoute;
        private int status;
        ServerCall next; // the segment's other deferred roots (guarded by the segment)

        ServerCall(Span span, HttpServerRequest request, String method, String route, String requestId) {
            this.span = span;
            this.request = request;
            this.method = method;
            this.startRoute = route;
            this.requestId = requestId;
        }

        void markDeferred() {
            deferred = true;
        }

        void setAttributesOn(Span target) {
            putStartAttributes(target, ON_SPAN);
        }

        /** The attributes the span gets when its request starts, in that order. */
        private <S> void putStartAttributes(S sink, AttributePut<S> put) {
            put.put(sink, HttpAttributes.HTTP_REQUEST_METHOD, method);
            put.put(sink, HttpAttributes.HTTP_ROUTE, startRoute);
            put.put(sink, UrlAttributes.URL_PATH, request.path()); // redacted with every attribute at export
            put.put(sink, UrlAttributes.URL_SCHEME, request.scheme());
            put.put(sink, ServerAttributes.SERVER_PORT, (long) request.serverPort());
            put.put(sink, NetworkAttributes.NETWORK_PROTOCOL_VERSION, request.protocolVersion());
            String userAgent = request.header("User-Agent");
            if (userAgent != null) {
                put.put(sink, UserAgentAttributes.USER_AGENT_ORIGINAL, capped(userAgent));
            }
            put.put(sink, SemanticAttributes.REQUEST_ID, requestId);
        }

        @Override
        public void onEnd(String route, int status, Throwable error, long durationNanos) {
            if (route != null && !route.equals(startRoute)) {
                span.updateName(names.of(method, route));
                if (deferred) {
                    endRoute = route;
                } else {
                    span.setAttribute(HttpAttributes.HTTP_ROUTE, route);
                }
            }
            if (status > 0) {
                if (deferred) {
                    this.status = status;
                } else {
                    span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
                }
            }
            if (error != null) {
                errors.failed(span, error);
            } else if (status >= 500) {
                errors.failed(span, status);
            }
            span.end();
        }

        /**
         * The kept span's data as if the attributes had been set on it as they are on a sampled
         * span: those of the start first, then whatever else was set on it (the application's,
         * {@code error.type}), then those of the end; under the same span limits.
         */
        SpanData attributesOver(SpanData recorded, SpanLimits limits) {
            LimitedAttributes all = new LimitedAttributes(limits);
            putStartAttributes(all, UNDER_LIMITS);
            all.putRecorded(recorded.getAttributes());
            if (endRoute != null) {
                all.put(HttpAttributes.HTTP_ROUTE, endRoute);
            }
            if (status > 0) {
                all.put(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
            }
            Attributes attributes = all.build();
            // what the SDK dropped past the count limit while the span ran, and every key set on it now
            int total = recorded.getTotalAttributeCount() - recorded.getAttributes().size() + all.total();
            return new DelegatingSpanData(recorded) {
                @Override
                public Attributes getAttributes() {
                    return attributes;
                }

                @Override
                public int getTotalAttributeCount() {
                    return total;
                }
            };
        }
    }

    /** Where an attribute goes: onto a span, or into the attributes of one that is kept. */
    @FunctionalInterface
    private interface AttributePut<S> {
        void put(S sink, AttributeKey<?> key, Object value);
    }

    @SuppressWarnings("unchecked")
    private static final AttributePut<Span> ON_SPAN = (span, key, value) -> span.setAttribute((AttributeKey<Object>) key, value);
    private static final AttributePut<LimitedAttributes> UNDER_LIMITS = LimitedAttributes::put;

    /**
     * Attributes put in order under span limits, as the SDK keeps a span's: values cut at the
     * length limit, new keys past the count limit dropped; the total counts every distinct key set.
     */
    private static final class LimitedAttributes {
        private final Map<AttributeKey<?>, Object> values = new LinkedHashMap<>();
        private final Set<AttributeKey<?>> seen = new HashSet<>();
        private final int capacity;
        private final int lengthLimit;

        LimitedAttributes(SpanLimits limits) {
            this.capacity = limits.getMaxNumberOfAttributes();
            this.lengthLimit = limits.getMaxAttributeValueLength();
        }

        void put(AttributeKey<?> key, Object value) {
            add(key, value instanceof String && ((String) value).length() > lengthLimit
                    ? ((String) value).substring(0, lengthLimit) : value);
        }

        // already under the limits: the SDK applied them when they were set
        void putRecorded(Attributes recorded) {
            recorded.forEach(this::add);
        }

        private void add(AttributeKey<?> key, Object value) {
            if (seen.add(key) && values.size() >= capacity) {
                return;
            }
            if (values.containsKey(key) || values.size() < capacity) {
                values.put(key, value);
            }
        }

        /** Distinct keys set, kept or not. */
        int total() {
            return seen.size();
        }

        @SuppressWarnings("unchecked")
        Attributes build() {
            AttributesBuilder builder = Attributes.builder();
            values.forEach((key, value) -> builder.put((AttributeKey<Object>) key, value));
            return builder.build();
        }
    }
}
