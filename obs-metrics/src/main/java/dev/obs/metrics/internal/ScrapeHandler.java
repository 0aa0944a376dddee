package dev.obs.metrics.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * {@code /metrics}: the Prometheus text format by default, OpenMetrics (the only one with exemplars)
 * when the scraper's {@code Accept} prefers it, gzip-compressed when {@code Accept-Encoding} allows.
 */
public final class ScrapeHandler implements HttpHandler {

    /** The Prometheus text format, version 0.0.4. */
    public static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    /** OpenMetrics 1.0, which carries exemplars. */
    public static final String OPENMETRICS_FORMAT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private volatile int lastSize = 16 * 1024;

    public ScrapeHandler(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            exchange.sendResponseHeaders(405, -1);
            return;
        }
        String contentType = prefersOpenMetrics(exchange.getRequestHeaders().get("Accept")) ? OPENMETRICS_FORMAT : TEXT_FORMAT;
        boolean gzip = acceptsGzip(exchange.getRequestHeaders().get("Accept-Encoding"));

        if (method.equals("HEAD")) {
            setHeaders(exchange, contentType, gzip);
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        // Written to memory first: a failed scrape still gets a clean 500, and the response has a length.
        ByteArrayOutputStream body = new ByteArrayOutputStream(lastSize + 1024);
        if (gzip) {
            try (GZIPOutputStream compressed = new GZIPOutputStream(body, 8192)) {
                registry.scrape(compressed, contentType);
            }
        } else {
            registry.scrape(body, contentType);
        }
        lastSize = body.size();
        setHeaders(exchange, contentType, gzip);
        exchange.sendResponseHeaders(200, body.size());
        try (OutputStream out = exchange.getResponseBody()) {
            body.writeTo(out);
        }
    }

    private static void setHeaders(HttpExchange exchange, String contentType, boolean gzip) {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Vary", "Accept, Accept-Encoding");
        if (gzip) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
    }

    /**
     * Whether the {@code Accept} header values rank {@code application/openmetrics-text} at least as
     * high as the text format ({@code text/plain}, or a wildcard). Prometheus sends
     * {@code application/openmetrics-text;version=1.0.0,...,text/plain;version=0.0.4;q=0.5,...}.
     */
    static boolean prefersOpenMetrics(List<String> acceptHeaders) {
        if (acceptHeaders == null) {
            return false;
        }
        double openMetrics = 0;
        double text = 0;
        for (String header : acceptHeaders) {
            for (String range : header.split(",")) {
                String[] parts = range.split(";");
                String type = parts[0].trim().toLowerCase(Locale.ROOT);
                double q = quality(parts);
                if (type.equals("application/openmetrics-text")) {
                    openMetrics = Math.max(openMetrics, q);
                } else if (type.equals("text/plain") || type.equals("text/*") || type.equals("*/*")) {
                    text = Math.max(text, q);
                }
            }
        }
        return openMetrics > 0 && openMetrics >= text;
    }

    /** Whether the {@code Accept-Encoding} header values allow gzip (and do not give it {@code q=0}). */
    static boolean acceptsGzip(List<String> encodingHeaders) {
        if (encodingHeaders == null) {
            return false;
        }
        for (String header : encodingHeaders) {
            for (String coding : header.split(",")) {
                String[] parts = coding.split(";");
                String name = parts[0].trim().toLowerCase(Locale.ROOT);
                if ((name.equals("gzip") || name.equals("x-gzip")) && quality(parts) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q') && parameter.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(parameter.substring(2).trim());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
