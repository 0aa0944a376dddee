package dev.obs.benchmarks.metrics;

import dev.obs.Observability;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Budget: a woven {@code @Timed} method ≤ 100 ns over the bare call. The anchor, a plain
 * Micrometer timer with a histogram recorded by hand around a call, is in
 * {@code anchors.PlainMicrometerBenchmark}, in forks without obs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class TimedBenchmark {

    private final TimedWork work = new TimedWork();

    @Setup
    public void setUp() {
        Observability.builder().set("obs.admin.enabled", "false").set("obs.service.name", "bench")
                .set("obs.log.level", "warn").shutdownHook(false).install();
    }

    @TearDown
    public void tearDown() {
        Observability.resetForTesting();
    }

    @Benchmark
    public int bareCall() {
        return work.bare();
    }

    @Benchmark
    public int wovenTimed() {
        return work.timed();
    }
}
