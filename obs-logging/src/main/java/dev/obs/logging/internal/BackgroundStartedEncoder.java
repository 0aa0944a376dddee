package dev.obs.logging.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import dev.obs.logging.ObsJsonEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.concurrent.CompletableFuture;

/**
 * An encoder that starts its delegate on a thread of its own, so that {@code install()} goes on
 * while it starts; the first {@link #encode} waits until it has.
 *
 * <p>Starting logstash-logback-encoder's JSON encoder builds a Jackson {@code ObjectMapper}: some
 * 400 classes, the largest part of what logging adds to start-up. obs's console appender runs
 * behind its async appender, so lines are encoded on the async worker thread, never on the thread
 * that logs: the wait falls on that worker, and a line logged right after {@code install()} is
 * written as JSON as soon as the encoder is up (well before {@code install()} has started the
 * other modules). Nothing is lost: events wait in the async queue meanwhile.
 */
final class BackgroundStartedEncoder extends ContextAwareBase implements Encoder<ILoggingEvent> {

    private final ObsJsonEncoder delegate;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile boolean stopped;

    BackgroundStartedEncoder(ObsJsonEncoder delegate) {
        this.delegate = delegate;
    }

    @Override
    public void start() {
        Thread starter = new Thread(() -> {
            try {
                delegate.start();
                started.complete(null);
            } catch (RuntimeException | LinkageError e) {
                started.completeExceptionally(e);
            }
        }, "obs-log-encoder-start");
        starter.setDaemon(true);
        starter.start();
    }

    private ObsJsonEncoder ready() {
        try {
            started.join();
        } catch (RuntimeException e) {
            // It failed on its own thread; try once more here, where Logback reports what goes wrong.
            if (!delegate.isStarted()) {
                delegate.start();
            }
        }
        return delegate;
    }

    // A JSON-lines encoder has no header or footer, started or not: the appender asks for the
    // header while it starts, on the thread calling install(), which must not wait here.
    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return ready().encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }

    @Override
    public boolean isStarted() {
        return !stopped;
    }

    @Override
    public void stop() {
        stopped = true;
        ready().stop();
    }

    /** The encoder it starts. */
    ObsJsonEncoder delegate() {
        return delegate;
    }
}
