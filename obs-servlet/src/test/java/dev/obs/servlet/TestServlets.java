package dev.obs.servlet;

import dev.obs.Observability;
import dev.obs.context.RequestContext;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The application the container tests serve: one servlet per kind of request. */
final class TestServlets {

    private static final Logger log = LoggerFactory.getLogger(TestServlets.class);

    private TestServlets() {
    }

    /** Mapping to servlet, for the observed context. */
    static Map<String, HttpServlet> observed() {
        Map<String, HttpServlet> servlets = new LinkedHashMap<>();
        servlets.put("/orders/*", new Orders());
        servlets.put("/async", new AsyncOrders());
        servlets.put("/fail", new Failing());
        servlets.put("/unavailable", new Unavailable());
        servlets.put("/files/*", new Streaming());
        servlets.put("/healthz", new Health());
        servlets.put("/users/*", new SpringLike());
        return servlets;
    }

    /** Answers with the request ID current on the container thread, or "none": served without obs. */
    static HttpServlet peek() {
        return new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                RequestContext current = RequestContext.current();
                write(resp, current == null ? "none" : current.requestId());
            }
        };
    }

    static void write(HttpServletResponse resp, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        resp.setContentType("text/plain; charset=utf-8");
        resp.setContentLength(body.length);
        try (OutputStream out = resp.getOutputStream()) {
            out.write(body);
        }
    }

    /** GET /orders/{id}: a template named by the handler, a child span, the request ID as the body. */
    static final class Orders extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            HttpRoute.set(req, "/orders/{id}");
            log.info("order looked up");
            Observability.current().trace("inventory.lookup", () -> log.info("inventory checked"));
            write(resp, RequestContext.current().requestId());
        }
    }

    /**
     * GET /async: the work runs on the container's async executor, then a thread of the
     * application's own, outside the container, writes the response and completes it.
     */
    static final class AsyncOrders extends HttpServlet {
        private static final java.util.concurrent.ExecutorService COMPLETER = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "completer");
            t.setDaemon(true);
            return t;
        });

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            AsyncContext async = req.startAsync();
            async.start(() -> {
                log.info("async work");
                Observability.current().trace("async.work", () -> log.info("async span"));
                String requestId = RequestContext.current().requestId();
                COMPLETER.execute(() -> {
                    try {
                        write((HttpServletResponse) async.getResponse(), requestId);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } finally {
                        async.complete();
                    }
                });
            });
        }
    }

    static final class Failing extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            log.info("about to fail");
            throw new IllegalStateException("the back end said no");
        }
    }

    static final class Unavailable extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            log.warn("shedding load");
            resp.sendError(503);
        }
    }

    /** GET /files/*: a streamed response, flushed chunk by chunk, length unknown up front. */
    static final class Streaming extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain; charset=utf-8");
            OutputStream out = resp.getOutputStream();
            for (int i = 0; i < 5; i++) {
                out.write(("chunk " + i + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            log.info("streamed");
        }
    }

    /**
     * Publishes its template the way Spring MVC's DispatcherServlet does (the attribute named by
     * {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}, relative to the context path).
     */
    static final class SpringLike extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            req.setAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern", "/users/{userId}");
            write(resp, "user");
        }
    }

    static final class Health extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            log.info("health checked");
            write(resp, "ok");
        }
    }
}
