package dev.obs.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContextPropagationTest {

    private final ExecutorService raw = Executors.newFixedThreadPool(3);

    @AfterEach
    void shutdown() {
        raw.shutdownNow();
    }

    @Test
    void scopeRestoresThePreviousContext() {
        assertThat(RequestContext.current()).isNull();
        RequestContext outer = RequestContext.newRequest("outer");
        try (ContextScope a = outer.makeCurrent()) {
            RequestContext inner = outer.withTrace("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true);
            try (ContextScope b = inner.makeCurrent()) {
                assertThat(RequestContext.current()).isSameAs(inner);
            }
            assertThat(RequestContext.current()).isSameAs(outer);
        }
        assertThat(RequestContext.current()).isNull();
    }

    @Test
    void executorServiceCarriesTheSubmittersContext() throws Exception {
        ExecutorService pool = ContextPropagation.wrap(raw);
        try (ContextScope ignored = RequestContext.newRequest("req-1").makeCurrent()) {
            assertThat(pool.submit(() -> RequestContext.current().requestId()).get()).isEqualTo("req-1");
            List<Callable<String>> tasks = List.of(() -> RequestContext.current().requestId(), () -> RequestContext.current().requestId());
            for (Future<String> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isEqualTo("req-1");
            }
            assertThat(pool.invokeAny(tasks)).isEqualTo("req-1");
        }
        assertThat(pool.submit(RequestContext::current).get()).isNull();
    }

    @Test
    void completableFutureHelpersCarryTheContext() throws Exception {
        try (ContextScope ignored = RequestContext.newRequest("req-cf").makeCurrent()) {
            CompletableFuture<String> f = ContextPropagation.supplyAsync(() -> RequestContext.current().requestId(), raw)
                    .thenApplyAsync(ContextPropagation.wrapFunction((String id) -> id + "/" + RequestContext.current().requestId()), raw);
            assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("req-cf/req-cf");
        }
    }

    @Test
    void scheduledAndPeriodicTasksCarryTheContext() throws Exception {
        ScheduledExecutorService scheduler = ContextPropagation.wrap(Executors.newSingleThreadScheduledExecutor());
        try {
            ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
            CountDownLatch three = new CountDownLatch(3);
            try (ContextScope ignored = RequestContext.newRequest("req-sched").makeCurrent()) {
                assertThat(scheduler.schedule(() -> RequestContext.current().requestId(), 1, TimeUnit.MILLISECONDS).get())
                        .isEqualTo("req-sched");
                scheduler.scheduleAtFixedRate(() -> {
                    seen.add(RequestContext.current().requestId());
                    three.countDown();
                }, 0, 1, TimeUnit.MILLISECONDS);
            }
            assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).allMatch("req-sched"::equals);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void contextNeverLeaksIntoTheNextTaskOfAPooledThread() throws Exception {
        ExecutorService pool = ContextPropagation.wrap(raw);
        // Poison the workers the way unwrapped user code would: attach and never detach.
        CountDownLatch poisoned = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            raw.execute(() -> {
                RequestContext.newRequest("leaked").makeCurrent();
                poisoned.countDown();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        poisoned.await();
        int tasks = 5000;
        List<Future<String>> results = new ArrayList<>(tasks);
        List<String> expected = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            String id = i % 3 == 0 ? null : "req-" + i;
            expected.add(id == null ? "none" : id);
            if (id == null) {
                results.add(pool.submit(ContextPropagationTest::currentId));
            } else {
                try (ContextScope ignored = RequestContext.newRequest(id).makeCurrent()) {
                    results.add(pool.submit(ContextPropagationTest::currentId));
                }
            }
        }
        for (int i = 0; i < tasks; i++) {
            assertThat(results.get(i).get(10, TimeUnit.SECONDS)).as("task %d", i).isEqualTo(expected.get(i));
        }
    }

    private static String currentId() {
        RequestContext ctx = RequestContext.current();
        Thread.yield();
        RequestContext again = RequestContext.current();
        return ctx != again ? "changed!" : ctx == null ? "none" : ctx.requestId();
    }

    @Test
    void attributesAndSlotsAreBounded() {
        RequestContext ctx = RequestContext.newRequest("r");
        for (int i = 0; i < 40; i++) {
            ctx = ctx.withAttribute("k" + i, "v".repeat(1000));
        }
        assertThat(ctx.attributes()).hasSize(RequestContext.MAX_ATTRIBUTES);
        assertThat(ctx.attributes().get("k0")).hasSize(256);
        ContextKey<String> key = ContextKey.named("test");
        RequestContext withSlot = ctx.with(key, "value");
        assertThat(withSlot.get(key)).isEqualTo("value");
        assertThat(ctx.get(key)).isNull();
        assertThat(withSlot.with(key, null).get(key)).isNull();
    }
}
