package dev.obs.benchmarks.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An in-memory exchange, so that the filter's own cost is measured without sockets. Reusable via {@link #reset()}. */
final class FakeExchange extends HttpExchange {

    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8080);
    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 50000);

    private final Headers requestHeaders = new Headers();
    private Headers responseHeaders = new Headers();
    private final Map<String, Object> attributes = new HashMap<>();
    private final URI uri;
    private final HttpContext context;
    private int status = -1;

    FakeExchange(String path, String contextPath) {
        this.uri = URI.create(path);
        this.context = new FakeContext(contextPath);
    }

    void reset() {
        responseHeaders = new Headers();
        attributes.clear();
        status = -1;
    }

    Headers requestHeadersForSetup() {
        return requestHeaders;
    }

    @Override public Headers getRequestHeaders() { return requestHeaders; }
    @Override public Headers getResponseHeaders() { return responseHeaders; }
    @Override public URI getRequestURI() { return uri; }
    @Override public String getRequestMethod() { return "GET"; }
    @Override public HttpContext getHttpContext() { return context; }
    @Override public void close() { }
    @Override public InputStream getRequestBody() { return new ByteArrayInputStream(new byte[0]); }
    @Override public OutputStream getResponseBody() { return OutputStream.nullOutputStream(); }
    @Override public void sendResponseHeaders(int rCode, long responseLength) { status = rCode; }
    @Override public InetSocketAddress getRemoteAddress() { return REMOTE; }
    @Override public int getResponseCode() { return status; }
    @Override public InetSocketAddress getLocalAddress() { return LOCAL; }
    @Override public String getProtocol() { return "HTTP/1.1"; }
    @Override public Object getAttribute(String name) { return attributes.get(name); }
    @Override public void setAttribute(String name, Object value) { attributes.put(name, value); }
    @Override public void setStreams(InputStream i, OutputStream o) { }
    @Override public HttpPrincipal getPrincipal() { return null; }

    private static final class FakeContext extends HttpContext {
        private final String path;
        private final List<Filter> filters = new ArrayList<>();
        private final Map<String, Object> attributes = new HashMap<>();

        FakeContext(String path) {
            this.path = path;
        }

        @Override public HttpHandler getHandler() { return null; }
        @Override public void setHandler(HttpHandler h) { }
        @Override public String getPath() { return path; }
        @Override public HttpServer getServer() { return null; }
        @Override public Map<String, Object> getAttributes() { return attributes; }
        @Override public List<Filter> getFilters() { return filters; }
        @Override public Authenticator setAuthenticator(Authenticator auth) { return null; }
        @Override public Authenticator getAuthenticator() { return null; }
    }
}
