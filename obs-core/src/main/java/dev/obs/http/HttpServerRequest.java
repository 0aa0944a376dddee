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

    /**
     * A {@code Content-Length} header value as a size, for {@link #responseBodySize()}: {@code -1}
     * when it is absent or not a number.
     *
     * <pre>{@code
     * HttpServerRequest.contentLength("42");    // 42
     * HttpServerRequest.contentLength(null);    // -1
     * }</pre>
     */
    static long contentLength(String headerValue) {
        if (headerValue == null) {
            return -1;
        }
        try {
            return Long.parseLong(headerValue.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** What an unknown method is recorded as, per OpenTelemetry's semantic conventions. */
    String OTHER_METHOD = "_OTHER";

    /**
     * The method as obs records it: one of the methods the semantic conventions know (RFC 9110's
     * and {@code PATCH}, case-sensitive), otherwise {@value #OTHER_METHOD}, so that a client cannot
     * put arbitrary text into span names, attributes, tags or labels.
     *
     * <pre>{@code
     * HttpServerRequest.knownMethod("GET");     // "GET"
     * HttpServerRequest.knownMethod("PURGE");   // "_OTHER"
     * }</pre>
     */
    static String knownMethod(String method) {
        if (method != null) {
            switch (method) {
                case "GET": case "HEAD": case "POST": case "PUT": case "DELETE": case "CONNECT": case "OPTIONS":
                case "TRACE": case "PATCH":
                    return method;
                default:
                    break;
            }
        }
        return OTHER_METHOD;
    }
}
