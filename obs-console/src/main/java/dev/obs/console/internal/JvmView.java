package dev.obs.console.internal;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;

/** Heap, GC, threads and CPU of this JVM, from its management beans. */
final class JvmView {

    private JvmView() {
    }

    static void write(Json json) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        json.name("heap").object().field("usedBytes", heap.getUsed()).field("committedBytes", heap.getCommitted())
                .field("maxBytes", heap.getMax()).endObject();
        json.name("nonHeap").object().field("usedBytes", nonHeap.getUsed()).field("committedBytes", nonHeap.getCommitted())
                .endObject();
        json.name("gc").array();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            json.object().field("name", gc.getName()).field("collections", gc.getCollectionCount())
                    .field("timeMillis", gc.getCollectionTime()).endObject();
        }
        json.endArray();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        json.name("threads").object().field("live", threads.getThreadCount()).field("daemon", threads.getDaemonThreadCount())
                .field("peak", threads.getPeakThreadCount()).endObject();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        double process = Double.NaN;
        double system = Double.NaN;
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            process = sun.getProcessCpuLoad();
            system = sun.getCpuLoad();
        }
        json.name("cpu").object().field("processors", os.getAvailableProcessors())
                .field("processLoad", process < 0 ? Double.NaN : process)
                .field("systemLoad", system < 0 ? Double.NaN : system)
                .field("loadAverage", os.getSystemLoadAverage()).endObject();
        json.field("uptimeMillis", ManagementFactory.getRuntimeMXBean().getUptime());
        json.field("javaVersion", Runtime.version().toString());
    }
}
