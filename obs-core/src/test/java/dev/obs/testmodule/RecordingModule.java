package dev.obs.testmodule;

import dev.obs.config.ConfigKey;
import dev.obs.context.RequestContext;
import dev.obs.http.HttpServerRequest;
import dev.obs.instrument.ObservedMethod;
import dev.obs.spi.HttpServerCall;
import dev.obs.spi.HttpServerObserver;
import dev.obs.spi.MethodCall;
import dev.obs.spi.MethodObserver;
import dev.obs.spi.ModuleContext;
import dev.obs.spi.ObservabilityModule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A module found by ServiceLoader in core's tests: records what core tells modules. */
public final class RecordingModule implements ObservabilityModule {

    public static final ConfigKey FAIL_ON_START = ConfigKey.of("obs.test.fail.on.start", "false", "Test only.");
    public static final ConfigKey FAIL_AFTER_REGISTERING = ConfigKey.of("obs.test.fail.after.registering", "false", "Test only.");
    public static final ConfigKey STRICT_NUMBER = ConfigKey.of("obs.test.number", "1", "Test only.");

    public static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    public static volatile ModuleContext context;

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(FAIL_ON_START, FAIL_AFTER_REGISTERING, STRICT_NUMBER);
    }

    @Override
    public void start(ModuleContext ctx) {
        ctx.config().getInt(STRICT_NUMBER.name(), 0, 10);
        if (ctx.config().getBoolean(FAIL_ON_START.name())) {
            throw new IllegalStateException("asked to fail");
        }
        context = ctx;
        EVENTS.add("start");
        ctx.addAdminRoute("/recording", exchange -> {
            byte[] body = "recorded".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        });
        ctx.addAdminPrefixRoute("/recorded/", exchange -> {
            byte[] body = ("tree " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        });
        ctx.addAdminRoute("/recorded/exact", exchange -> {
            byte[] body = "exact".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        });
        ctx.addMethodObserver(new MethodObserver() {
            @Override
            public boolean observes(ObservedMethod method) {
                return method.traced() || method.timed();
            }

            @Override
            public MethodCall enter(ObservedMethod method) {
                RequestContext current = RequestContext.current();
                EVENTS.add("enter " + method.methodName() + (current == null ? "" : " " + current.requestId()));
                return new MethodCall() {
                    @Override
                    public void leave() {
                        EVENTS.add("leave " + method.methodName());
                    }

                    @Override
                    public void complete(Throwable error) {
                        EVENTS.add("complete " + method.methodName() + (error == null ? "" : " " + error.getMessage()));
                    }
                };
            }
        });
        if (ctx.config().getBoolean(FAIL_AFTER_REGISTERING.name())) {
            ctx.addReadinessCheck("recording", () -> false);
            ctx.addContextListener(current -> EVENTS.add("context listener"));
            ctx.addLogEventListener(event -> EVENTS.add("log listener"));
            ctx.setContextStorage(new dev.obs.spi.ContextStorage() {
                @Override
                public RequestContext current() {
                    return null;
                }

                @Override
                public dev.obs.context.ContextScope attach(RequestContext c) {
                    EVENTS.add("storage attach");
                    return () -> { };
                }
            });
        }
        ctx.addHttpServerObserver(new HttpServerObserver() {
            @Override
            public HttpServerCall onStart(HttpServerRequest request, RequestContext context) {
                RequestContext current = RequestContext.current();
                EVENTS.add("http start " + request.method() + " " + request.route() + " current=" + (current == context));
                return (route, status, error, durationNanos) -> EVENTS.add("http end " + route + " " + status
                        + (error == null ? "" : " " + error.getMessage()) + " current=" + (RequestContext.current() == context));
            }
        });
        if (ctx.config().getBoolean(FAIL_AFTER_REGISTERING.name())) {
            throw new IllegalStateException("failed half-way through start");
        }
    }

    @Override
    public void close(Duration timeout) {
        EVENTS.add("close");
    }
}
