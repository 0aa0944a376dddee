package dev.obs.metrics.internal;

import dev.obs.spi.Diagnostics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Micrometer's JVM and process binders: memory, GC, heap pressure, threads, class loading, CPU,
 * uptime, file descriptors and the JVM's version. They are bound on a daemon thread, off the thread
 * that calls {@code install()}: reading the JVM's management beans the first time loads a few
 * hundred classes. A scrape before they are bound lacks the {@code jvm_*} and {@code process_*}
 * series at that moment. The GC binders listen to JMX notifications until {@link #close()}, which
 * stops a binding still under way: nothing is bound after it.
 */
public final class JvmMetrics implements AutoCloseable {

    /** The name of the thread that binds them. */
    public static final String THREAD_NAME = "obs-jvm-metrics";

    private final MeterRegistry registry;
    private final Diagnostics diagnostics;
    private final Object lock = new Object();
    private final List<AutoCloseable> bound = new ArrayList<>(); // guarded by lock
    private boolean closed; // guarded by lock
    private final Thread binder;

    private JvmMetrics(MeterRegistry registry, Diagnostics diagnostics) {
        this.registry = registry;
        this.diagnostics = diagnostics;
        this.binder = new Thread(this::bindAll, THREAD_NAME);
        binder.setDaemon(true);
    }

    /**
     * Binds the JVM and process meters to {@code registry} on a daemon thread and returns at once;
     * add {@link #prometheusNames()} to the registry first.
     */
    public static JvmMetrics bindInBackground(MeterRegistry registry, Diagnostics diagnostics) {
        JvmMetrics jvm = new JvmMetrics(registry, diagnostics);
        jvm.binder.start();
        return jvm;
    }

    private void bindAll() {
        // Each binder is created here, on this thread: some read the management beans in their constructor.
        bind("jvm info", JvmInfoMetrics::new);
        bind("jvm memory", JvmMemoryMetrics::new);
        bind("jvm gc", JvmGcMetrics::new);
        bind("jvm heap pressure", JvmHeapPressureMetrics::new);
        bind("jvm threads", JvmThreadMetrics::new);
        bind("jvm class loading", ClassLoaderMetrics::new);
        bind("processor", ProcessorMetrics::new);
        bind("uptime", UptimeMetrics::new);
        bind("file descriptors", FileDescriptorMetrics::new);
        bind("process cpu", () -> JvmMetrics::bindProcessCpuSeconds);
    }

    private void bind(String what, Supplier<MeterBinder> create) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                MeterBinder meters = create.get();
                meters.bindTo(registry);
                if (meters instanceof AutoCloseable closeable) {
                    bound.add(closeable);
                }
            } catch (RuntimeException | LinkageError e) {
                diagnostics.warnOnce("jvm-metrics-" + what, "the " + what + " metrics could not be bound (" + e
                        + "); the other JVM metrics are exposed");
            }
        }
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

    /** Stops the GC notifications; a binding still under way ends at once, binding nothing more. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            for (AutoCloseable closeable : bound) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    diagnostics.warnOnce("jvm-metrics-close", "JVM metrics failed to close (" + e + ")");
                }
            }
            bound.clear();
        }
    }
}
