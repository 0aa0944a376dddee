package dev.obs.metrics.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Micrometer's JVM and process binders: memory, GC, heap pressure, threads, class loading, CPU,
 * uptime, file descriptors and the JVM's version. The GC binders listen to JMX notifications
 * until {@link #close()}.
 */
public final class JvmMetrics implements AutoCloseable {

    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final JvmHeapPressureMetrics heapPressure = new JvmHeapPressureMetrics();

    public JvmMetrics(MeterRegistry registry) {
        new JvmInfoMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        heapPressure.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        bindProcessCpuSeconds(registry);
    }

    /**
     * Renames the two binder meters whose Prometheus names break the naming rules that
     * {@code promtool check metrics} enforces; add it before any meter is registered.
     * {@code system.cpu.count} (a gauge ending in {@code _count}) becomes
     * {@code jvm.available.processors}; {@code process.cpu.time} (in {@code ns}) is replaced by
     * {@code process_cpu_seconds_total}, the name Prometheus's own clients use.
     */
    public static MeterFilter prometheusNames() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("jvm.available.processors") : id;
            }

            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return id.getName().equals("process.cpu.time") && "ns".equals(id.getBaseUnit())
                        ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }
        };
    }

    private static void bindProcessCpuSeconds(MeterRegistry registry) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean process && process.getProcessCpuTime() >= 0) {
            FunctionCounter.builder("process.cpu", process, p -> p.getProcessCpuTime() / 1e9)
                    .baseUnit("seconds")
                    .description("CPU time used by the JVM process")
                    .register(registry);
        }
    }

    @Override
    public void close() {
        gc.close();
        heapPressure.close();
    }
}
