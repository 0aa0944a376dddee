package dev.obs.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Virtual threads exist from JDK 21; the build targets 17, so this test reaches them reflectively.
 * The build runs it a second time on the Temurin 25 JDK (profile jdk25-virtual-threads), where the
 * assumption holds; on JDK 17 it is skipped with that reason.
 */
class VirtualThreadPropagationTest {

    @Test
    void virtualThreadsCarryTheContextAndNeverLeakIt() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+; this run is on " + Runtime.version());
        ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        ExecutorService pool = ContextPropagation.wrap(virtual);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                try (ContextScope ignored = RequestContext.newRequest("vt-" + i).makeCurrent()) {
                    results.add(pool.submit(() -> {
                        Thread.sleep(1); // unmount and remount on a carrier
                        return RequestContext.current().requestId() + (isVirtual() ? "" : " (not virtual)");
                    }));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("vt-" + i);
            }
            assertThat(pool.submit(RequestContext::current).get()).isNull();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void threadStartedWithAWrappedRunnableCarriesTheContext() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+; this run is on " + Runtime.version());
        String[] seen = new String[1];
        try (ContextScope ignored = RequestContext.newRequest("vt-start").makeCurrent()) {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Runnable task = ContextPropagation.wrap(() -> {
                seen[0] = RequestContext.current().requestId();
            });
            Thread t = (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class).invoke(builder, task);
            t.join(5000);
        }
        assertThat(seen[0]).isEqualTo("vt-start");
    }

    private static boolean isVirtual() {
        try {
            return (boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread());
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
