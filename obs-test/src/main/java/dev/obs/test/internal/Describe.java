package dev.obs.test.internal;

import dev.obs.errors.CapturedError;
import dev.obs.test.CapturedLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The text failure messages use to show what a test captured: one line per signal, spans as trees. */
public final class Describe {

    private static final int MAX_LINES = 50;

    private Describe() {
    }

    /** A span on one line: name, kind, status, IDs. */
    public static String span(SpanData span) {
        StringBuilder out = new StringBuilder();
        out.append('"').append(span.getName()).append("\" [").append(span.getKind());
        if (span.getStatus().getStatusCode() != StatusCode.UNSET) {
            out.append(", ").append(span.getStatus().getStatusCode());
        }
        out.append("] trace ").append(span.getTraceId()).append(" span ").append(span.getSpanId());
        return out.toString();
    }

    /** The spans as trees (children indented under their parents), or "(no spans)". */
    public static String spans(List<SpanData> spans) {
        if (spans.isEmpty()) {
            return "  (no spans)";
        }
        Set<String> ids = new HashSet<>();
        spans.forEach(s -> ids.add(s.getSpanId()));
        StringBuilder out = new StringBuilder();
        int[] written = {0};
        for (SpanData span : spans) {
            if (!ids.contains(span.getParentSpanId())) {
                tree(span, spans, 1, out, written);
            }
        }
        return out.toString().stripTrailing();
    }

    private static void tree(SpanData span, List<SpanData> all, int depth, StringBuilder out, int[] written) {
        if (written[0]++ >= MAX_LINES) {
            if (written[0] == MAX_LINES + 1) {
                out.append("  ...\n");
            }
            return;
        }
        out.append("  ".repeat(depth)).append(span(span));
        if (depth == 1 && span.getParentSpanContext().isValid()) {
            out.append(" (parent ").append(span.getParentSpanId()).append(", not captured)");
        }
        out.append('\n');
        for (SpanData child : all) {
            if (child.getParentSpanId().equals(span.getSpanId()) && child.getTraceId().equals(span.getTraceId())) {
                tree(child, all, depth + 1, out, written);
            }
        }
    }

    /** A log line on one line: level, logger, message, fields. */
    public static String log(CapturedLog line) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-5s", line.level())).append(' ').append(line.logger()).append(" \"").append(line.message()).append('"');
        line.keyValues().forEach((k, v) -> out.append(' ').append(k).append('=').append(value(v)));
        for (String key : List.of(CapturedLog.REQUEST_ID, CapturedLog.TRACE_ID, CapturedLog.SPAN_ID)) {
            if (line.mdc().containsKey(key)) {
                out.append(' ').append(key).append('=').append(line.mdc().get(key));
            }
        }
        line.mdc().forEach((k, v) -> {
            if (!k.equals(CapturedLog.REQUEST_ID) && !k.equals(CapturedLog.TRACE_ID) && !k.equals(CapturedLog.SPAN_ID)
                    && !line.keyValues().containsKey(k)) {
                out.append(' ').append(k).append('=').append(v);
            }
        });
        if (line.throwable() != null) {
            out.append(" exception=").append(line.throwable().getClass().getName());
        }
        return out.toString();
    }

    /** The log lines, one per line, or "(no log lines)". */
    public static String logs(List<CapturedLog> lines) {
        return list(lines, "no log lines", Describe::log);
    }

    /** An error event on one line. */
    public static String error(CapturedError error) {
        StringBuilder out = new StringBuilder(error.exceptionType());
        if (error.message() != null) {
            out.append(": \"").append(error.message()).append('"');
        }
        out.append(" [").append(error.source()).append("] request_id=").append(error.requestId())
                .append(" trace_id=").append(error.traceId());
        if (error.httpRoute() != null) {
            out.append(' ').append(error.httpMethod()).append(' ').append(error.httpRoute()).append(" -> ").append(error.httpStatus());
        }
        return out.toString();
    }

    /** The error events, one per line, or "(no error events)". */
    public static String errors(List<CapturedError> errors) {
        return list(errors, "no error events", Describe::error);
    }

    /** A meter on one line: name, tags and what it measured. */
    public static String meter(Meter meter) {
        StringBuilder out = new StringBuilder(meter.getId().getName());
        out.append(meter.getId().getTags().stream().map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(",", "{", "}")));
        if (meter instanceof Timer timer) {
            out.append(" count=").append(timer.count()).append(" total=").append(timer.totalTime(TimeUnit.MILLISECONDS)).append("ms");
        } else if (meter instanceof Counter counter) {
            out.append(" count=").append(number(counter.count()));
        } else {
            out.append(" (").append(meter.getId().getType().name().toLowerCase(java.util.Locale.ROOT)).append(')');
        }
        return out.toString();
    }

    /** The meters, one per line, or "(no meters)". */
    public static String meters(Collection<? extends Meter> meters) {
        return list(new ArrayList<>(meters), "no meters", Describe::meter);
    }

    /** The tags of a meter as {@code k=v,...}. */
    public static String tags(List<Tag> tags) {
        return tags.stream().map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(","));
    }

    /** A number without a useless ".0". */
    public static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** A value as a failure message shows it: text quoted, numbers bare, with its type when that could mislead. */
    public static String value(Object value) {
        if (value instanceof CharSequence text) {
            return "\"" + text + "\"";
        }
        return String.valueOf(value);
    }

    /** Whether a captured field value is what the test expected; {@code 42} matches {@code "42"} and {@code 42L}. */
    public static boolean sameValue(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected.equals(actual)) {
            return true;
        }
        if (expected instanceof Number a && actual instanceof Number b) {
            return isIntegral(a) && isIntegral(b) ? a.longValue() == b.longValue() : a.doubleValue() == b.doubleValue();
        }
        return String.valueOf(expected).equals(String.valueOf(actual));
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    /** Map entries as {@code k=v, ...}. */
    public static String attributes(Map<?, ?> attributes) {
        return attributes.entrySet().stream().map(e -> e.getKey() + "=" + value(e.getValue())).collect(Collectors.joining(", ", "{", "}"));
    }

    private static <T> String list(List<T> items, String none, java.util.function.Function<T, String> format) {
        if (items.isEmpty()) {
            return "  (" + none + ")";
        }
        StringBuilder out = new StringBuilder();
        int start = Math.max(0, items.size() - MAX_LINES);
        if (start > 0) {
            out.append("  ... ").append(start).append(" earlier\n");
        }
        for (int i = start; i < items.size(); i++) {
            out.append("  ").append(format.apply(items.get(i))).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
