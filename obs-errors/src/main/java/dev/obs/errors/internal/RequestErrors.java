package dev.obs.errors.internal;

import dev.obs.context.ContextKey;
import dev.obs.http.HttpServerRequest;
import dev.obs.spi.HttpServerCall;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The errors module's state for one observed HTTP request, kept in the request's context: its
 * recent log lines (breadcrumbs) and the errors seen while it runs. Errors seen before the request
 * ends wait here, so that their event carries the response status and an exception that passes
 * several capture points on its way out gives one event. Everything is bounded; the state lives
 * as long as the request's contexts, so the number of requests tracked is bounded by those in flight.
 */
final class RequestErrors implements HttpServerCall {

    static final ContextKey<RequestErrors> KEY = ContextKey.named("obs.errors.request");

    /** Log lines kept per request as breadcrumbs; the oldest are dropped first. */
    static final int MAX_LOG_LINES = 20;
    /** Errors that may wait for the end of one request; more are reported at once. */
    static final int MAX_PENDING = 8;

    private final ErrorReporter reporter;
    private final HttpServerRequest request;
    private final String method;
    private String route;
    private int status;
    private boolean ended;
    private LogLine[] lines; // ring, allocated on the first log line
    private int lineCount;
    private int nextLine;
    private Capture[] pending; // allocated on the first error
    private int pendingCount;

    RequestErrors(ErrorReporter reporter, HttpServerRequest request) {
        this.reporter = reporter;
        this.request = request;
        this.method = HttpServerRequest.knownMethod(request.method()); // never a client's arbitrary text
    }

    String method() {
        return method;
    }

    /** The raw path, for the event's URL; redacted before it leaves the process. */
    String path() {
        try {
            return request.path();
        } catch (RuntimeException e) {
            return null;
        }
    }

    synchronized String route() {
        if (route == null) {
            try {
                return request.route();
            } catch (RuntimeException e) {
                return null;
            }
        }
        return route;
    }

    /** The response status, or 0 while the request runs. */
    synchronized int status() {
        return status;
    }

    synchronized void addLogLine(LogLine line) {
        if (ended) {
            return;
        }
        if (lines == null) {
            lines = new LogLine[MAX_LOG_LINES];
        }
        lines[nextLine] = line;
        nextLine = (nextLine + 1) % MAX_LOG_LINES;
        if (lineCount < MAX_LOG_LINES) {
            lineCount++;
        }
    }

    /** The kept log lines, oldest first. */
    synchronized List<LogLine> logLines() {
        if (lineCount == 0) {
            return Collections.emptyList();
        }
        List<LogLine> out = new ArrayList<>(lineCount);
        int start = lineCount < MAX_LOG_LINES ? 0 : nextLine;
        for (int i = 0; i < lineCount; i++) {
            out.add(lines[(start + i) % MAX_LOG_LINES]);
        }
        return out;
    }

    /**
     * Keeps {@code capture} until the request ends. Returns {@code false} when the caller must
     * report it now: the request is over, or too many errors wait already.
     */
    synchronized boolean defer(Capture capture) {
        if (ended) {
            return false;
        }
        for (int i = 0; i < pendingCount; i++) {
            if (pending[i].error() == capture.error()) {
                return true; // the same exception, seen again on its way out
            }
        }
        if (pendingCount == MAX_PENDING) {
            return false;
        }
        if (pending == null) {
            pending = new Capture[MAX_PENDING];
        }
        pending[pendingCount++] = capture;
        return true;
    }

    @Override
    public void onEnd(String route, int status, Throwable error, long durationNanos) {
        Capture[] waiting;
        int count;
        synchronized (this) {
            this.route = route;
            this.status = status;
            this.ended = true;
            waiting = pending;
            count = pendingCount;
            pending = null;
            pendingCount = 0;
        }
        if (error != null || count > 0) {
            List<Capture> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                list.add(waiting[i]);
            }
            reporter.requestEnded(this, error, list);
        }
    }
}
