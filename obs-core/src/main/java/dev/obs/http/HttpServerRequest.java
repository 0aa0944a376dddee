package dev.obs.http;

/**
 * A server request as obs observes it, independent of the server: the JDK's
 * {@code com.sun.net.httpserver} today, a Servlet container through the same view later.
 */
public interface HttpServerRequest {

    /** The method in upper case, e.g. {@code GET}. */
    String method();

    /**
     * The route template that matched, e.g. {@code /orders/{id}}; never the raw path, so that
     * metrics stay bounded. Read again when the request ends, so a handler may refine it.
     */
    String route();

    /** The path as requested, without the query. Not for metric labels. */
    String path();

    /** The first value of a request header, or {@code null}. Names are case-insensitive. */
    String header(String name);

    /** {@code http} or {@code https}. */
    String scheme();

    /** The protocol version, e.g. {@code 1.1}. */
    String protocolVersion();

    /** The server's port. */
    int serverPort();

    /**
     * The raw query string without the leading {@code ?}, or {@code null}. Not for metric labels;
     * whoever records it redacts it first.
     */
    default String query() {
        return null;
    }

    /**
     * The size in bytes of the response body, when the server knows it at the end of the request
     * (a {@code Content-Length} the handler set, or bytes counted); {@code -1} when unknown.
     */
    default long responseBodySize() {
        return -1;
    }
}
