package dev.obs.servlet.internal;

import dev.obs.http.ObservedRequest;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends the observation of an asynchronous request when it completes, times out or fails, on
 * whichever thread the container tells it.
 */
public final class AsyncEnd implements AsyncListener {

    private final ObservedRequest observed;
    private final HttpServletResponse response;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Throwable failure;
    private volatile boolean timedOut;

    public AsyncEnd(ObservedRequest observed, HttpServletResponse response) {
        this.observed = observed;
        this.response = response;
    }

    /** A failure of the dispatch that started the request asynchronously. */
    public void failed(Throwable t) {
        if (failure == null) {
            failure = t;
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        end();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        // The container answers next (an error dispatch, else 500) and then completes.
        timedOut = true;
    }

    @Override
    public void onError(AsyncEvent event) {
        Throwable t = event.getThrowable();
        if (t != null && failure == null) {
            failure = t;
            observed.logFailure(t);
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // the request went asynchronous again: keep listening to the new cycle
        event.getAsyncContext().addListener(this);
    }

    private void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        int status = response.getStatus();
        if (timedOut && status < 400) {
            status = 500; // what containers answer to an unhandled timeout
        }
        observed.end(status, failure);
    }
}
