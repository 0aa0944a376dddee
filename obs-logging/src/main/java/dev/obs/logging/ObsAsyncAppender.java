package dev.obs.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import dev.obs.logging.internal.LogEventPublisher;
import dev.obs.logging.internal.LoggingRuntime;
import dev.obs.logging.internal.RedactedEvent;
import dev.obs.spi.SelfMetric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hands events to its appenders on a background thread, through a bounded queue that never blocks
 * the logging thread: when the queue is full the event is dropped, counted in
 * {@code obs_log_events_dropped_total}, and reported on stderr at most once a minute.
 *
 * <p>On the calling thread it captures and redacts the event (message, MDC, key-value pairs,
 * exception messages) and publishes INFO-and-above events to the other obs modules, so that
 * they see the request context current where the event was logged.
 *
 * <pre>{@code
 * <appender name="ASYNC" class="dev.obs.logging.ObsAsyncAppender">
 *   <queueSize>8192</queueSize>      <!-- optional -->
 *   <appender-ref ref="CONSOLE"/>
 * </appender>
 * }</pre>
 *
 * <p>Unlike Logback's {@code AsyncAppender}, it has no discarding threshold (an INFO line is never
 * discarded while there is room) and it counts what it drops, which Logback's appender does not
 * expose. {@link #stop()} drains the queue within {@link #setMaxFlushTime(int) maxFlushTime}; after
 * {@link #drain(Duration)} events are written on the calling thread, so that lines logged during
 * shutdown are not lost.
 */
public class ObsAsyncAppender extends UnsynchronizedAppenderBase<ILoggingEvent> implements AppenderAttachable<ILoggingEvent> {

    /** The default queue capacity, in events. */
    public static final int DEFAULT_QUEUE_SIZE = 8192;

    private static final long REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong lastReportNanos = new AtomicLong();
    private final AtomicLong reportedDrops = new AtomicLong();
    private int queueSize = DEFAULT_QUEUE_SIZE;
    private int maxFlushTime = 1000;
    private volatile BlockingQueue<ILoggingEvent> queue;
    private volatile boolean synchronous;
    private Thread worker;

    /** The most events waiting to be written; more are dropped. Set before {@link #start()}. */
    public void setQueueSize(int queueSize) {
        if (queueSize < 1) {
            throw new IllegalArgumentException("queueSize must be positive: " + queueSize);
        }
        this.queueSize = queueSize;
    }

    public int getQueueSize() {
        return queueSize;
    }

    /** How long {@link #stop()} waits for the queue to drain, in milliseconds. */
    public void setMaxFlushTime(int millis) {
        this.maxFlushTime = millis;
    }

    public int getMaxFlushTime() {
        return maxFlushTime;
    }

    /** Events dropped since start because the queue was full. */
    public long droppedCount() {
        return dropped.sum();
    }

    /** Events waiting in the queue. */
    public int queuedCount() {
        BlockingQueue<ILoggingEvent> q = queue;
        return q == null ? 0 : q.size();
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (!appenders.iteratorForAppenders().hasNext()) {
            addWarn("no appender attached to " + name + "; its events go nowhere");
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        synchronous = false;
        lastReportNanos.set(System.nanoTime() - REPORT_INTERVAL_NANOS);
        worker = new Thread(this::writeLoop, "obs-log-writer");
        worker.setDaemon(true);
        worker.start();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        LoggingRuntime.State runtime = LoggingRuntime.state();
        RedactedEvent redacted = RedactedEvent.of(event, runtime.redactor());
        LogEventPublisher.publish(event, redacted.getFormattedMessage(), redacted.throwable());
        if (synchronous) {
            appenders.appendLoopOnAppenders(redacted);
        } else if (!queue.offer(redacted)) {
            onDrop(runtime);
        }
    }

    private void onDrop(LoggingRuntime.State runtime) {
        dropped.increment();
        SelfMetric metric = runtime.dropped();
        if (metric != null) {
            metric.increment();
        }
        long now = System.nanoTime();
        long last = lastReportNanos.get();
        if (now - last >= REPORT_INTERVAL_NANOS && lastReportNanos.compareAndSet(last, now)) {
            reportDrops(runtime);
        }
    }

    private void reportDrops(LoggingRuntime.State runtime) {
        long total = dropped.sum();
        long unreported = total - reportedDrops.getAndSet(total);
        if (unreported > 0) {
            runtime.diagnostics().warn(unreported + " log event(s) dropped because the log queue (" + queueSize
                    + " events) was full: stdout is not keeping up. They are counted in obs_log_events_dropped_total;"
                    + " raise OBS_LOG_QUEUE_SIZE or log less. Reported at most once a minute.");
        }
    }

    private void writeLoop() {
        BlockingQueue<ILoggingEvent> q = queue;
        List<ILoggingEvent> batch = new ArrayList<>(64);
        try {
            while (true) {
                batch.add(q.take());
                q.drainTo(batch, 63);
                for (ILoggingEvent event : batch) {
                    appenders.appendLoopOnAppenders(event);
                }
                batch.clear();
            }
        } catch (InterruptedException stop) {
            // drain what is left, below
        }
        for (ILoggingEvent event : batch) {
            appenders.appendLoopOnAppenders(event);
        }
        for (ILoggingEvent event; (event = q.poll()) != null; ) {
            appenders.appendLoopOnAppenders(event);
        }
    }

    /**
     * Writes what is queued within {@code timeout}, then switches to writing on the calling thread.
     * Returns whether everything queued was written in time.
     */
    public boolean drain(Duration timeout) {
        Thread w = worker;
        if (synchronous || w == null) {
            return true;
        }
        synchronous = true;
        w.interrupt();
        try {
            w.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean done = !w.isAlive();
        if (done) {
            // events offered while the switch happened
            for (ILoggingEvent event; (event = queue.poll()) != null; ) {
                appenders.appendLoopOnAppenders(event);
            }
        }
        reportDrops(LoggingRuntime.state());
        return done;
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        if (!drain(Duration.ofMillis(maxFlushTime))) {
            addWarn("the log queue was not drained within " + maxFlushTime + " ms; " + queuedCount() + " events are lost");
        }
        super.stop();
        appenders.detachAndStopAllAppenders();
        worker = null;
    }

    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        appenders.addAppender(appender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return appenders.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String name) {
        return appenders.getAppender(name);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return appenders.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        appenders.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return appenders.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String name) {
        return appenders.detachAppender(name);
    }
}
