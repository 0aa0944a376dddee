package dev.obs.benchmarks.servlet;

import dev.obs.Observability;
import dev.obs.servlet.ObsServletFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@link ObsServletFilter} adds to one request on a real Jetty 12 (ee10), every module on this
 * class path installed: the same bare servlet in a context with the filter and in one without,
 * driven through Jetty's in-memory {@link LocalConnector} (Jetty parses and answers real HTTP/1.1,
 * no sockets). The difference of the two is the filter's cost; compare it with
 * {@code HttpFilterBenchmark} (the JDK filter, same settings). The access log is a parameter:
 * {@code off}, or {@code all} written to a discarded stdout.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ServletFilterBenchmark {

    @Param({"0.1"})
    public String sampleRatio;

    @Param({"off", "all"})
    public String accessLog;

    private static final String BARE = "GET /bare/hello HTTP/1.1\r\nHost: localhost\r\n\r\n";
    private static final String OBSERVED = "GET /obs/hello HTTP/1.1\r\nHost: localhost\r\n\r\n";

    private Server server;
    private LocalConnector connector;

    static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            resp.setStatus(200);
            resp.setContentLength(0);
        }
    }

    @Setup
    public void setUp() throws Exception {
        System.setOut(new PrintStream(OutputStream.nullOutputStream())); // the JSON lines, when the access log is on
        Observability.builder().set("obs.admin.enabled", "false").set("obs.service.name", "bench")
                .set("obs.traces.sample.ratio", sampleRatio).set("obs.traces.max.per.second", "0")
                .set("obs.log.level", "warn").set("obs.log.levels", "obs.access=info")
                .set("obs.log.access", accessLog).shutdownHook(false).install();
        server = new Server();
        connector = new LocalConnector(server);
        server.addConnector(connector);
        ServletContextHandler bare = new ServletContextHandler("/bare");
        bare.addServlet(new ServletHolder(new Hello()), "/hello");
        ServletContextHandler observed = new ServletContextHandler("/obs");
        observed.addFilter(ObsServletFilter.class, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC))
                .setAsyncSupported(true);
        observed.addServlet(new ServletHolder(new Hello()), "/hello");
        server.setHandler(new ContextHandlerCollection(bare, observed));
        server.start();
    }

    @TearDown
    public void tearDown() throws Exception {
        server.stop();
        Observability.resetForTesting();
    }

    @Benchmark
    public String bareOnJetty() throws Exception {
        return connector.getResponse(BARE);
    }

    @Benchmark
    public String throughObsServletFilterOnJetty() throws Exception {
        return connector.getResponse(OBSERVED);
    }
}
