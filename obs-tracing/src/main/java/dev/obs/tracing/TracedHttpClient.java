package dev.obs.tracing;

import dev.obs.context.RequestContext;
import dev.obs.tracing.internal.TracingRuntime;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A {@link HttpClient} that carries the current request to the services it calls: each request
 * gets W3C {@code traceparent}/{@code tracestate} and {@code baggage} headers and the current
 * request ID ({@code X-Request-ID}), and is recorded as a CLIENT span, so that the next service
 * (observed by obs or any OpenTelemetry-instrumented server) continues the trace and the request ID.
 *
 * <pre>{@code
 * HttpClient http = TracedHttpClient.wrap(HttpClient.newHttpClient());
 * HttpResponse<String> stock = http.send(
 *         HttpRequest.newBuilder(URI.create("http://inventory:8080/stock/42")).build(),
 *         HttpResponse.BodyHandlers.ofString());
 * }</pre>
 *
 * <p>The span is named after the method ({@code GET}), with {@code http.request.method},
 * {@code server.address}, {@code server.port}, {@code url.full} (redacted) and
 * {@code http.response.status_code}; a 4xx or 5xx answer or an exception marks it ERROR. A request
 * ID the caller set explicitly is kept. Without obs installed the client only forwards. Close or
 * shut down the wrapped client yourself.
 */
public final class TracedHttpClient extends HttpClient {

    private final HttpClient delegate;

    private TracedHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    /** {@code client}, tracing every request it sends. */
    public static HttpClient wrap(HttpClient client) {
        Objects.requireNonNull(client, "client");
        return client instanceof TracedHttpClient ? client : new TracedHttpClient(client);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        Call call = Call.start(request);
        HttpResponse<T> response;
        try {
            response = delegate.send(call.request, handler);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            call.end(0, e);
            throw e;
        }
        call.end(response.statusCode(), null);
        return response;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        Call call = Call.start(request);
        return call.endWhenDone(delegate.sendAsync(call.request, handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        Call call = Call.start(request);
        return call.endWhenDone(delegate.sendAsync(call.request, handler, pushPromiseHandler));
    }

    /** One outgoing request: its span (possibly not recording) and the request with the headers added. */
    private static final class Call {
        final HttpRequest request;
        final Span span;
        final TracingRuntime runtime;

        private Call(HttpRequest request, Span span, TracingRuntime runtime) {
            this.request = request;
            this.span = span;
            this.runtime = runtime;
        }

        static Call start(HttpRequest original) {
            TracingRuntime runtime = TracingRuntime.current();
            RequestContext context = RequestContext.current();
            if (runtime == null) {
                return new Call(original, null, null);
            }
            String requestIdHeader = runtime.settings().requestIdHeader();
            Context parent = Context.current();
            String method = original.method();
            Span span = runtime.tracer().spanBuilder(method).setParent(parent).setSpanKind(SpanKind.CLIENT).startSpan();
            URI uri = original.uri();
            if (span.isRecording()) {
                span.setAttribute(HttpAttributes.HTTP_REQUEST_METHOD, method);
                if (uri.getHost() != null) {
                    span.setAttribute(ServerAttributes.SERVER_ADDRESS, uri.getHost());
                }
                span.setAttribute(ServerAttributes.SERVER_PORT, (long) port(uri));
                span.setAttribute(UrlAttributes.URL_FULL, runtime.redactor().redact(withoutUserInfo(uri)));
            }
            boolean keepRequestId = original.headers().firstValue(requestIdHeader).isPresent();
            HttpRequest.Builder builder = HttpRequest.newBuilder(original, (name, value) -> !isPropagationHeader(name));
            runtime.w3c().inject(parent.with(span), builder, (b, key, value) -> b.setHeader(key, value));
            if (context != null && !keepRequestId) {
                builder.setHeader(requestIdHeader, context.requestId());
            }
            return new Call(builder.build(), span, runtime);
        }

        private static boolean isPropagationHeader(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            return lower.equals("traceparent") || lower.equals("tracestate") || lower.equals("baggage");
        }

        private static int port(URI uri) {
            if (uri.getPort() != -1) {
                return uri.getPort();
            }
            return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }

        // Credentials in a URL never belong in a span.
        private static String withoutUserInfo(URI uri) {
            if (uri.getRawUserInfo() == null) {
                return uri.toString();
            }
            String text = uri.toString();
            return text.replace(uri.getRawUserInfo() + "@", "");
        }

        void end(int status, Throwable error) {
            if (span == null || !span.isRecording()) {
                return;
            }
            if (status > 0) {
                span.setAttribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, (long) status);
            }
            if (error != null) {
                runtime.failed(span, error);
            } else if (status >= 400) {
                runtime.failed(span, status);
            }
            span.end();
        }

        <T> CompletableFuture<HttpResponse<T>> endWhenDone(CompletableFuture<HttpResponse<T>> future) {
            if (span == null) {
                return future;
            }
            return future.whenComplete((response, error) -> {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                end(response == null ? 0 : response.statusCode(), cause);
            });
        }
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    @Override
    public WebSocket.Builder newWebSocketBuilder() {
        return delegate.newWebSocketBuilder();
    }

    @Override
    public String toString() {
        return "TracedHttpClient{" + delegate + "}";
    }
}
