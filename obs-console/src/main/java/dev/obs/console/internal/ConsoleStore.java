package dev.obs.console.internal;

import dev.obs.spi.ErrorEvent;
import dev.obs.spi.FinishedSpan;
import dev.obs.spi.LogLine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the console remembers: the most recent requests, and per request ID and trace ID the log
 * lines, spans and error events that arrived for them. Bounded twice: by the number of requests
 * and by the (estimated) bytes of their details; when either is exceeded the oldest requests go,
 * with their details. Signals for a request that is not (or no longer) held are not kept.
 *
 * <p>Everything stored is already redacted by the module that published it; the store only
 * copies references.
 */
final class ConsoleStore {

    /** The most log lines kept per request ID; more are counted, not kept. */
    static final int MAX_LINES_PER_REQUEST = 200;
    /** The most spans kept per trace. */
    static final int MAX_SPANS_PER_TRACE = 500;
    /** The most error groups; further new kinds of error are counted under the last group's total only. */
    static final int MAX_ERROR_GROUPS = 500;
    /** What a request's record costs without details, estimated. */
    static final int RECORD_BYTES = 240;

    /** One observed request. Fields after {@code end} are written under the store's lock. */
    static final class Request {
        final long seq;
        final long startMillis;
        final String method;
        final String requestId;
        final String traceId;
        final boolean sampled;
        String route;
        int status = -1; // in progress
        long durationNanos;
        String errorType;

        Request(long seq, long startMillis, String method, String requestId, String traceId, boolean sampled, String route) {
            this.seq = seq;
            this.startMillis = startMillis;
            this.method = method;
            this.requestId = requestId;
            this.traceId = traceId;
            this.sampled = sampled;
            this.route = route;
        }

        boolean failed() {
            return status >= 500 || errorType != null;
        }
    }

    /** Details under one key (a request ID or a trace ID), shared by the requests that name it. */
    static final class Details {
        int refs;
        long bytes;
        int droppedLines;
        // allocated on first use: most requests never get a span, line or error
        List<LogLine> lines = List.of();
        List<FinishedSpan> spans = List.of();
        List<ErrorEvent> errors = List.of();
    }

    /** Errors of one type thrown at one place. */
    static final class ErrorGroup {
        final String type;
        final String location;
        String message;
        long count;
        long firstSeenMillis;
        long lastSeenMillis;
        String lastRequestId;
        String lastTraceId;

        ErrorGroup(String type, String location) {
            this.type = type;
            this.location = location;
        }
    }

    /** A consistent copy of one request and its details. */
    record RequestView(Request request, List<LogLine> lines, int droppedLines, List<FinishedSpan> spans, List<ErrorEvent> errors) {
    }

    /** A copy of an error group. */
    record GroupView(String type, String location, String message, long count, long firstSeenMillis, long lastSeenMillis,
                     String lastRequestId, String lastTraceId) {
    }

    private final int capacity;
    private final long maxBytes;
    private final int keptCapacity;
    private final ArrayDeque<Request> requests = new ArrayDeque<>();
    private final ArrayDeque<Request> keptFailed = new ArrayDeque<>(); // failed ones that outlived their neighbours
    private final Map<String, Details> byRequestId = new HashMap<>();
    private final Map<String, Details> byTraceId = new HashMap<>();
    private final Map<String, Request> latestByRequestId = new HashMap<>();
    private final Map<String, Request> latestByTraceId = new HashMap<>();
    private final LinkedHashMap<String, ErrorGroup> errorGroups = new LinkedHashMap<>();
    private long bytes;
    private long seq;
    private long evicted;
    private long droppedSignals;

    ConsoleStore(int capacity, long maxBytes) {
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.keptCapacity = capacity / 10;
    }

    synchronized Request begin(long nowMillis, String method, String route, String requestId, String traceId, boolean sampled) {
        Request request = new Request(++seq, nowMillis, method, requestId, traceId, sampled, route);
        requests.addLast(request);
        bytes += RECORD_BYTES;
        ref(byRequestId, requestId);
        latestByRequestId.put(requestId, request);
        if (traceId != null) {
            ref(byTraceId, traceId);
            latestByTraceId.put(traceId, request);
        }
        trim();
        return request;
    }

    synchronized void end(Request request, String route, int status, String errorType, long durationNanos) {
        request.route = route;
        request.status = status;
        request.errorType = errorType;
        request.durationNanos = durationNanos;
    }

    synchronized void addLine(LogLine line) {
        Details details = line.requestId() == null ? null : byRequestId.get(line.requestId());
        if (details == null) {
            droppedSignals++;
            return;
        }
        if (details.lines.size() >= MAX_LINES_PER_REQUEST) {
            details.droppedLines++;
            return;
        }
        if (details.lines.isEmpty()) {
            details.lines = new ArrayList<>(4);
        }
        details.lines.add(line);
        grow(details, 64 + line.json().length());
    }

    synchronized void addSpan(FinishedSpan span) {
        Details details = byTraceId.get(span.traceId());
        if (details == null || details.spans.size() >= MAX_SPANS_PER_TRACE) {
            droppedSignals++;
            return;
        }
        if (details.spans.isEmpty()) {
            details.spans = new ArrayList<>(4);
        }
        details.spans.add(span);
        long size = 200 + span.name().length();
        for (Map.Entry<String, String> a : span.attributes().entrySet()) {
            size += 48 + a.getKey().length() + a.getValue().length();
        }
        grow(details, size);
    }

    synchronized void addError(ErrorEvent event) {
        String key = event.type() + "@" + event.location();
        ErrorGroup group = errorGroups.get(key);
        if (group == null && errorGroups.size() < MAX_ERROR_GROUPS) {
            group = new ErrorGroup(event.type(), event.location());
            group.firstSeenMillis = event.epochMillis();
            errorGroups.put(key, group);
        }
        if (group != null) {
            group.count++;
            group.lastSeenMillis = event.epochMillis();
            group.message = event.message();
            if (event.requestId() != null) {
                group.lastRequestId = event.requestId();
                group.lastTraceId = event.traceId();
            }
        }
        Details details = event.requestId() == null ? null : byRequestId.get(event.requestId());
        if (details == null) {
            droppedSignals++;
            return;
        }
        if (details.errors.isEmpty()) {
            details.errors = new ArrayList<>(1);
        }
        details.errors.add(event);
        grow(details, 200 + event.stackTrace().length() + (event.message() == null ? 0 : event.message().length()));
    }

    /** Newest first, at most {@code limit}, those {@code filter} accepts. */
    synchronized List<Request> recent(Predicate<Request> filter, int limit) {
        List<Request> out = new ArrayList<>(Math.min(limit, requests.size() + keptFailed.size()));
        Iterator<Request> a = requests.descendingIterator();
        Iterator<Request> b = keptFailed.descendingIterator();
        Request nextA = a.hasNext() ? a.next() : null;
        Request nextB = b.hasNext() ? b.next() : null;
        while ((nextA != null || nextB != null) && out.size() < limit) {
            Request r;
            if (nextB == null || (nextA != null && nextA.seq > nextB.seq)) {
                r = nextA;
                nextA = a.hasNext() ? a.next() : null;
            } else {
                r = nextB;
                nextB = b.hasNext() ? b.next() : null;
            }
            if (filter.test(r)) {
                out.add(copy(r));
            }
        }
        return out;
    }

    /** The latest request with this request ID, else the latest with this trace ID; or null. */
    synchronized RequestView find(String id) {
        Request request = latestByRequestId.get(id);
        if (request == null) {
            request = latestByTraceId.get(id.toLowerCase(Locale.ROOT));
        }
        if (request == null) {
            return null;
        }
        Details lines = byRequestId.get(request.requestId);
        Details trace = request.traceId == null ? null : byTraceId.get(request.traceId);
        return new RequestView(copy(request), lines == null ? List.of() : List.copyOf(lines.lines),
                lines == null ? 0 : lines.droppedLines,
                trace == null ? List.of() : List.copyOf(trace.spans),
                lines == null ? List.of() : List.copyOf(lines.errors));
    }

    synchronized List<GroupView> errorGroups() {
        List<GroupView> out = new ArrayList<>(errorGroups.size());
        for (ErrorGroup g : errorGroups.values()) {
            out.add(new GroupView(g.type, g.location, g.message, g.count, g.firstSeenMillis, g.lastSeenMillis,
                    g.lastRequestId, g.lastTraceId));
        }
        out.sort((a, b) -> Long.compare(b.lastSeenMillis(), a.lastSeenMillis()));
        return out;
    }

    synchronized Map<String, Long> usage() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("requests", (long) (requests.size() + keptFailed.size()));
        out.put("requestsLimit", (long) capacity);
        out.put("failedKept", (long) keptFailed.size());
        out.put("bytes", bytes);
        out.put("bytesLimit", maxBytes);
        out.put("evicted", evicted);
        out.put("signalsNotKept", droppedSignals);
        return out;
    }

    private static Request copy(Request r) {
        Request c = new Request(r.seq, r.startMillis, r.method, r.requestId, r.traceId, r.sampled, r.route);
        c.status = r.status;
        c.durationNanos = r.durationNanos;
        c.errorType = r.errorType;
        return c;
    }

    private static void ref(Map<String, Details> map, String key) {
        map.computeIfAbsent(key, k -> new Details()).refs++;
    }

    private void unref(Map<String, Details> map, String key) {
        Details details = map.get(key);
        if (details != null && --details.refs <= 0) {
            map.remove(key);
            bytes -= details.bytes;
        }
    }

    private void grow(Details details, long size) {
        details.bytes += size;
        bytes += size;
        trim();
    }

    private void trim() {
        while (requests.size() + keptFailed.size() > 1
                && (requests.size() + keptFailed.size() > capacity || bytes > maxBytes)) {
            Request oldest = requests.peekFirst();
            if (oldest != null && oldest.failed() && bytes <= maxBytes && keptCapacity > 0) {
                keptFailed.addLast(requests.removeFirst()); // spared
                if (keptFailed.size() <= keptCapacity) {
                    continue; // the next oldest goes instead
                }
                oldest = keptFailed.removeFirst(); // the oldest spared failure goes
            } else if (oldest == null || (bytes > maxBytes && requests.size() <= 1)) {
                oldest = keptFailed.removeFirst();
            } else {
                requests.removeFirst();
            }
            evicted++;
            bytes -= RECORD_BYTES;
            unref(byRequestId, oldest.requestId);
            if (latestByRequestId.get(oldest.requestId) == oldest) {
                latestByRequestId.remove(oldest.requestId);
            }
            if (oldest.traceId != null) {
                unref(byTraceId, oldest.traceId);
                if (latestByTraceId.get(oldest.traceId) == oldest) {
                    latestByTraceId.remove(oldest.traceId);
                }
            }
        }
    }
}
