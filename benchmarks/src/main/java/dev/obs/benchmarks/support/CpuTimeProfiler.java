package dev.obs.benchmarks.support;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, which, unlike wall time, does not grow when other processes share the
 * cores: {@code -prof dev.obs.benchmarks.support.CpuTimeProfiler}. Two figures per iteration:
 * <ul>
 *   <li>{@code cpu.worker}: ns of CPU per operation on the benchmark's own threads (the request thread);</li>
 *   <li>{@code cpu.process}: ns of CPU per operation in the whole JVM: the worker plus background work
 *       (batch export, the loopback receiver, GC, and JIT, which is small after warm-up).</li>
 * </ul>
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long processBefore;
    private long workersBefore;

    @Override
    public String getDescription() {
        return "CPU time per operation: the benchmark's threads and the whole process";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        workersBefore = workerCpu();
        processBefore = os.getProcessCpuTime();
    }

    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                 IterationResult result) {
        long process = os.getProcessCpuTime() - processBefore;
        long workers = workerCpu() - workersBefore;
        long ops = Math.max(1, result.getMetadata().getMeasuredOps());
        return List.of(
                new ScalarResult("cpu.process", (double) process / ops, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.worker", (double) workers / ops, "ns/op", AggregationPolicy.AVG));
    }

    // JMH's worker threads live across iterations of a fork; their names contain "jmh-worker".
    private long workerCpu() {
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("jmh-worker")) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t > 0) {
                    sum += t;
                }
            }
        }
        return sum;
    }
}
