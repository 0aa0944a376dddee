package dev.obs.errors.support;

import io.sentry.ISentryLifecycleToken;
import io.sentry.Sentry;
import io.sentry.util.AutoClosableReentrantLock;
import java.lang.reflect.Field;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps Sentry from finishing its start until {@link #release()}: a thread of its own holds the
 * lock that {@code Sentry.init} (and {@code Sentry.close}) take, so that obs's background start
 * of Sentry waits there, as a slow start on a busy machine would. Reaches Sentry's private lock by
 * reflection; if a Sentry upgrade renames it, the constructor fails and says so.
 */
public final class HeldSentryStart implements AutoCloseable {

    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread holder;

    public HeldSentryStart() throws Exception {
        Field field = Sentry.class.getDeclaredField("lock");
        field.setAccessible(true);
        AutoClosableReentrantLock lock = (AutoClosableReentrantLock) field.get(null);
        holder = new Thread(() -> {
            try (ISentryLifecycleToken ignored = lock.acquire()) {
                held.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-holds-sentry-start");
        holder.setDaemon(true);
        holder.start();
        if (!held.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not take Sentry's init lock");
        }
    }

    /** Lets Sentry's start go on. */
    public void release() {
        release.countDown();
    }

    /** Lets Sentry's start go on after {@code millis}, from another thread. */
    public void releaseAfter(long millis) {
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release();
        }, "test-releases-sentry-start");
        later.setDaemon(true);
        later.start();
    }

    @Override
    public void close() throws InterruptedException {
        release();
        holder.join(10_000);
    }
}
