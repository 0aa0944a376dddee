package dev.obs.test.internal;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link HttpExchange} that lives in memory: the handler runs on the calling thread, so every
 * span, log line, meter and error event of the request is complete when it returns. It keeps the
 * JDK server's rules a handler can trip over: headers are sent once, a fixed-length body cannot
 * grow, and nothing can be written before the headers.
 */
public final class InMemoryExchange extends HttpExchange {

    private static final InetSocketAddress LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080);
    private static final InetSocketAddress REMOTE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 50000);

    private final String method;
    private final URI uri;
    private final Headers requestHeaders = new Headers();
    private final Headers responseHeaders = new Headers();
    private final Context context;
    private final Map<String, Object> attributes = new HashMap<>();
    private final ResponseBody responseBody = new ResponseBody();
    private InputStream requestBody;
    private OutputStream responseStream = responseBody;
    private int responseCode = -1;
    private long declaredLength;

    public InMemoryExchange(String method, URI uri, Map<String, List<String>> headers, byte[] body, String contextPath,
                            HttpHandler handler) {
        this.method = method;
        this.uri = uri;
        headers.forEach((name, values) -> requestHeaders.put(name, new ArrayList<>(values)));
        this.requestBody = new ByteArrayInputStream(body);
        this.context = new Context(contextPath, handler);
    }

    /** Runs {@code filters}, then the handler, as the JDK server would for this exchange. */
    public void serve(List<Filter> filters) throws IOException {
        new Filter.Chain(filters, context.getHandler()).doFilter(this);
    }

    /** The response body written so far. */
    public byte[] writtenBody() {
        return responseBody.bytes.toByteArray();
    }

    @Override
    public Headers getRequestHeaders() {
        return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return uri;
    }

    @Override
    public String getRequestMethod() {
        return method;
    }

    @Override
    public HttpContext getHttpContext() {
        return context;
    }

    @Override
    public void close() {
        try {
            requestBody.close();
            responseStream.close();
        } catch (IOException cannotHappenInMemory) {
            // byte arrays do not fail
        }
    }

    @Override
    public InputStream getRequestBody() {
        return requestBody;
    }

    @Override
    public OutputStream getResponseBody() {
        return responseStream;
    }

    @Override
    public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
        if (responseCode != -1) {
            throw new IOException("headers already sent");
        }
        if (rCode < 100 || rCode > 999) {
            throw new IllegalArgumentException("invalid response code " + rCode);
        }
        responseCode = rCode;
        declaredLength = responseLength;
        if (responseLength > 0) {
            responseHeaders.set("Content-length", Long.toString(responseLength));
        }
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return REMOTE;
    }

    @Override
    public int getResponseCode() {
        return responseCode;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return LOCAL;
    }

    @Override
    public String getProtocol() {
        return "HTTP/1.1";
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        if (i != null) {
            requestBody = i;
        }
        if (o != null) {
            responseStream = o;
        }
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }

    private final class ResponseBody extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (responseCode == -1) {
                throw new IOException("response headers not sent yet: call sendResponseHeaders before writing the body");
            }
            if (declaredLength < 0 && len > 0) {
                throw new IOException("response declared without a body (sendResponseHeaders(code, -1))");
            }
            if (declaredLength > 0 && bytes.size() + len > declaredLength) {
                throw new IOException("too many bytes to write to stream: the response declared " + declaredLength + " bytes");
            }
            bytes.write(b, off, len);
        }
    }

    private static final class Context extends HttpContext {
        private final String path;
        private HttpHandler handler;
        private final Map<String, Object> attributes = new HashMap<>();
        private final List<Filter> filters = new ArrayList<>();
        private Authenticator authenticator;

        Context(String path, HttpHandler handler) {
            this.path = path;
            this.handler = handler;
        }

        @Override
        public HttpHandler getHandler() {
            return handler;
        }

        @Override
        public void setHandler(HttpHandler handler) {
            this.handler = handler;
        }

        @Override
        public String getPath() {
            return path;
        }

        /** There is no server: the exchange is served in memory. */
        @Override
        public HttpServer getServer() {
            return null;
        }

        @Override
        public Map<String, Object> getAttributes() {
            return attributes;
        }

        @Override
        public List<Filter> getFilters() {
            return filters;
        }

        @Override
        public Authenticator setAuthenticator(Authenticator auth) {
            Authenticator previous = authenticator;
            authenticator = auth;
            return previous;
        }

        @Override
        public Authenticator getAuthenticator() {
            return authenticator;
        }
    }
}
