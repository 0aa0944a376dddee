package dev.obs.benchmarks;

import dev.obs.instrument.MethodObservation;
import dev.obs.instrument.ObservedMethod;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What an observed method costs when nothing observes it (before install, or no module for it),
 * against the bare call. This is the floor under the woven {@code @Traced}/{@code @Timed} budgets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class MethodObservationBenchmark {

    private static final ObservedMethod METHOD = ObservedMethod.named("bench.work", "bench.work");
    private int counter;

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private int work() {
        return ++counter;
    }

    @Benchmark
    public int bareCall() {
        return work();
    }

    @Benchmark
    public int observedCallNothingInstalled() {
        Object call = MethodObservation.enter(METHOD);
        int result;
        try {
            result = work();
        } catch (Throwable t) {
            MethodObservation.exit(call, null, t);
            throw t;
        }
        MethodObservation.exit(call, null, null);
        return result;
    }
}
