package dev.obs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady load for the backend fault tests: two client threads, about 200–250 requests a second in
 * all, one in ten asking for a failing route. Latencies are collected per phase, so a test can set
 * a fault phase's p99 beside the no-fault phase's of the same run.
 *
 * <pre>{@code
 * try (FaultLoad load = new FaultLoad(path -> server.get(path).statusCode())) {
 *     long baseP99 = FaultLoad.p99(load.phase());   // after a no-fault phase
 *     backend.answer(503);
 *     long faultP99 = FaultLoad.p99(load.phase());
 *     load.stop();
 * }
 * }</pre>
 */
public final class FaultLoad implements AutoCloseable {

    /** Sends a GET for {@code path} and returns the status. */
    @FunctionalInterface
    public interface Client {
        int get(String path) throws Exception;
    }

    private final Client client;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile List<Long> current = new CopyOnWriteArrayList<>();
    private volatile Throwable problem;

    /** Starts the load: {@code /orders/N} answered 200, every tenth {@code /fail/N} answered 500. */
    public FaultLoad(Client client) {
        this.client = client;
        for (int t = 0; t < 2; t++) {
            Thread thread = new Thread(this::run, "load-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void run() {
        while (running.get()) {
            long i = sequence.incrementAndGet();
            boolean failing = i % 10 == 0;
            long start = System.nanoTime();
            try {
                int status = client.get((failing ? "/fail/" : "/orders/") + i);
                long took = System.nanoTime() - start;
                if (status != (failing ? 500 : 200)) {
                    throw new AssertionError("request " + i + " answered " + status);
                }
                current.add(took);
                completed.incrementAndGet();
                if (failing) {
                    failed.incrementAndGet();
                }
                Thread.sleep(8);
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                problem = t;
                return;
            }
        }
    }

    /** Starts a new phase; returns the latencies (ns) of the one that ends. */
    public List<Long> phase() {
        List<Long> ended = current;
        current = new CopyOnWriteArrayList<>();
        if (problem != null) {
            throw new AssertionError("a request failed unexpectedly", problem);
        }
        return ended;
    }

    /** Stops the clients and waits for them. */
    public void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(30_000);
        }
        if (problem != null) {
            throw new AssertionError("a request failed unexpectedly", problem);
        }
    }

    public long completed() {
        return completed.get();
    }

    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        running.set(false);
    }

    /** The 99th percentile of a phase's latencies; a phase with too few requests fails the test. */
    public static long p99(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        assertThat(sorted).as("requests timed in the phase").hasSizeGreaterThan(50);
        return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
    }
}
