package dev.obs.test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response a handler gave to a request sent by {@link HttpDriver}.
 *
 * <pre>{@code
 * HttpResult response = capture.http("/orders", handler).get("/orders/42");
 * assertThat(capture).request(response.requestId()).everyLogLineCarriesTraceId();
 * }</pre>
 */
public final class HttpResult {

    private final int status;
    private final com.sun.net.httpserver.Headers headers;
    private final byte[] body;
    private final String requestIdHeader;

    HttpResult(int status, com.sun.net.httpserver.Headers headers, byte[] body, String requestIdHeader) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.requestIdHeader = requestIdHeader;
    }

    /** The response status, e.g. {@code 200}. */
    public int status() {
        return status;
    }

    /** The response headers (names as the handler wrote them; look them up with {@link #header}). */
    public Map<String, List<String>> headers() {
        return new LinkedHashMap<>(headers);
    }

    /** The first value of a response header, ignoring case, or {@code null}. */
    public String header(String name) {
        return headers.getFirst(name);
    }

    /** The request ID obs gave the request, from the {@code X-Request-ID} response header. */
    public String requestId() {
        return headers.getFirst(requestIdHeader);
    }

    /** The body as UTF-8 text. */
    public String body() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body's bytes. */
    public byte[] bodyBytes() {
        return body.clone();
    }

    @Override
    public String toString() {
        return "HTTP " + status + " (" + requestIdHeader + ": " + requestId() + ", " + body.length + " bytes)";
    }
}
