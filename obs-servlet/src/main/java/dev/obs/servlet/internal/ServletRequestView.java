package dev.obs.servlet.internal;

import dev.obs.http.HttpServerRequest;
import dev.obs.servlet.HttpRoute;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** A Servlet request as obs's server-neutral observation sees it. */
public final class ServletRequestView implements HttpServerRequest {

    /** Spring MVC's {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}, read without depending on Spring. */
    static final String SPRING_BEST_MATCHING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    private static final int MAX_ROUTE_LENGTH = 256;

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final String contextPath;
    private final String mappingRoute;

    public ServletRequestView(HttpServletRequest request, HttpServletResponse response) {
        this.request = request;
        this.response = response;
        this.contextPath = request.getContextPath();
        this.mappingRoute = mappingRoute(request, contextPath);
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    /**
     * The template named with {@link HttpRoute#set}, else the one Spring MVC published, else the
     * servlet mapping that matched; never the raw path.
     */
    @Override
    public String route() {
        Object named = request.getAttribute(HttpRoute.ATTRIBUTE);
        if (named == null) {
            named = request.getAttribute(SPRING_BEST_MATCHING_PATTERN);
            if (named != null) {
                return bounded(contextPath + named);
            }
            return mappingRoute;
        }
        return bounded(named.toString());
    }

    private static String bounded(String route) {
        return route.length() <= MAX_ROUTE_LENGTH ? route : route.substring(0, MAX_ROUTE_LENGTH);
    }

    private static String mappingRoute(HttpServletRequest request, String contextPath) {
        HttpServletMapping mapping;
        try {
            mapping = request.getHttpServletMapping();
        } catch (RuntimeException | AbstractMethodError e) {
            mapping = null;
        }
        if (mapping == null || mapping.getMappingMatch() == null) {
            return contextPath.isEmpty() ? "/*" : contextPath + "/*";
        }
        String pattern = mapping.getPattern();
        switch (mapping.getMappingMatch()) {
            case CONTEXT_ROOT:
                return contextPath.isEmpty() ? "/" : contextPath;
            case DEFAULT:
                return contextPath + "/*";
            case EXTENSION:
                return contextPath + "/" + pattern;
            default:
                return bounded(contextPath + pattern);
        }
    }

    @Override
    public String path() {
        return request.getRequestURI();
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public String scheme() {
        return request.getScheme();
    }

    @Override
    public String protocolVersion() {
        String protocol = request.getProtocol(); // "HTTP/1.1"
        if (protocol == null) {
            return "1.1";
        }
        int slash = protocol.indexOf('/');
        return slash < 0 ? protocol : protocol.substring(slash + 1);
    }

    @Override
    public int serverPort() {
        return request.getLocalPort();
    }

    @Override
    public String query() {
        return request.getQueryString();
    }

    @Override
    public long responseBodySize() {
        String length;
        try {
            length = response.getHeader("Content-Length");
        } catch (RuntimeException e) {
            return -1;
        }
        return HttpServerRequest.contentLength(length);
    }
}
