package dev.obs.benchmarks.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpHandler;
import dev.obs.Observability;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * What obs's HTTP filter adds to one request, with every module on this class path installed, against
 * the bare handler, in memory (no sockets). Sampling ratio is a parameter: 0.1 (default) and 1.0.
 * Export goes nowhere (no endpoint configured), so this is the request thread's own cost. The console
 * (obs-console) is a parameter too: {@code off}, or {@code on}, recording every request, its log lines,
 * spans and errors in its bounded memory (it then needs the admin server, bound to a free loopback port).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class HttpFilterBenchmark {

    @Param({"0.1", "1.0"})
    public String sampleRatio;

    @Param({"off", "on"})
    public String console;

    private final HttpHandler handler = exchange -> exchange.sendResponseHeaders(200, -1);
    private List<Filter> obsFilter;
    private FakeExchange exchange;

    @Setup
    public void setUp() {
        boolean withConsole = console.equals("on");
        Observability obs = Observability.builder().set("obs.admin.enabled", Boolean.toString(withConsole))
                .set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1")
                .set("obs.console.enabled", Boolean.toString(withConsole)).set("obs.service.name", "bench")
                .set("obs.traces.sample.ratio", sampleRatio).set("obs.traces.max.per.second", "0")
                .set("obs.log.level", "warn").shutdownHook(false).install();
        obsFilter = List.of(obs.httpServerFilter());
        exchange = new FakeExchange("/hello", "/hello");
    }

    @TearDown
    public void tearDown() {
        Observability.resetForTesting();
    }

    @Benchmark
    public int bareHandler() throws IOException {
        exchange.reset();
        new Filter.Chain(List.of(), handler).doFilter(exchange); // a chain is single-use, as in the JDK server
        return exchange.getResponseCode();
    }

    @Benchmark
    public int throughObsFilter() throws IOException {
        exchange.reset();
        new Filter.Chain(obsFilter, handler).doFilter(exchange);
        return exchange.getResponseCode();
    }
}
