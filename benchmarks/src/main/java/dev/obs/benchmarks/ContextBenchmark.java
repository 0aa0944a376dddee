package dev.obs.benchmarks;

import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Budget: attaching and detaching a request context ≤ 100 ns (core alone here; with MDC in the logging benchmark). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ContextBenchmark {

    private final RequestContext context = RequestContext.newRequest("bench-request-id")
            .withTrace("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true);

    @Benchmark
    public RequestContext attachAndDetach() {
        try (ContextScope ignored = context.makeCurrent()) {
            return RequestContext.current();
        }
    }

    @Benchmark
    public RequestContext readCurrent() {
        return RequestContext.current();
    }
}
