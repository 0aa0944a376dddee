package dev.obs.benchmarks.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpHandler;
import dev.obs.Observability;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
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
 * The access log's cost per request, on the request thread: {@link HttpFilterBenchmark}'s request
 * through obs's filter with {@code obs.log.access=off} and {@code all} (lines encoded by the async
 * appender into a discarded stdout). The difference of the two is the access line's cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class AccessLogBenchmark {

    @Param({"off", "all"})
    public String accessLog;

    private final HttpHandler handler = exchange -> exchange.sendResponseHeaders(200, -1);
    private List<Filter> obsFilter;
    private FakeExchange exchange;

    @Setup
    public void setUp() {
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        Observability obs = Observability.builder().set("obs.admin.enabled", "false").set("obs.service.name", "bench")
                .set("obs.traces.sample.ratio", "0.1").set("obs.traces.max.per.second", "0")
                .set("obs.log.level", "warn").set("obs.log.levels", "obs.access=info")
                .set("obs.log.access", accessLog).shutdownHook(false).install();
        obsFilter = List.of(obs.httpServerFilter());
        exchange = new FakeExchange("/hello?page=2", "/hello");
    }

    @TearDown
    public void tearDown() {
        Observability.resetForTesting();
    }

    @Benchmark
    public int throughObsFilter() throws IOException {
        exchange.reset();
        new Filter.Chain(obsFilter, handler).doFilter(exchange);
        return exchange.getResponseCode();
    }
}
