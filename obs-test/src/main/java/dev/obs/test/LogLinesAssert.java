package dev.obs.test;

import dev.obs.test.internal.Describe;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;
import org.slf4j.event.Level;

/**
 * Assertions on a selection of log lines. Each {@code loggedAt}/{@code with...} step keeps the
 * lines that match and fails when none does, so a chain reads as one question: "did the request log
 * at WARN a line with field order_id 42?".
 *
 * <pre>{@code
 * assertThat(capture).request(id).loggedAt(Level.WARN).withField("order_id", 42).withMessageContaining("rejected");
 * assertThat(capture).logs().hasNoLinesAt(Level.ERROR);
 * }</pre>
 */
public final class LogLinesAssert extends AbstractAssert<LogLinesAssert, List<CapturedLog>> {

    private final ObsCapture capture;
    private final List<CapturedLog> pool; // what the selection started from, shown when it comes out empty
    private final String selection;

    LogLinesAssert(ObsCapture capture, List<CapturedLog> lines, List<CapturedLog> pool, String selection) {
        super(lines, LogLinesAssert.class);
        this.capture = capture;
        this.pool = pool;
        this.selection = selection;
    }

    /** The lines logged at {@code level}; fails when there is none. */
    public LogLinesAssert loggedAt(Level level) {
        return narrow(line -> line.level() == level, "at " + level);
    }

    /**
     * The lines with field {@code key} equal to {@code value} (a key-value pair or an MDC entry;
     * {@code 42} matches {@code 42L} and {@code "42"}); fails when there is none.
     */
    public LogLinesAssert withField(String key, Object value) {
        return narrow(line -> line.hasField(key) && Describe.sameValue(value, line.field(key)),
                "with field " + key + "=" + Describe.value(value));
    }

    /** The lines whose message is {@code message}, as logged (redacted); fails when there is none. */
    public LogLinesAssert withMessage(String message) {
        return narrow(line -> Objects.equals(line.message(), message), "with message \"" + message + "\"");
    }

    /** The lines whose message contains {@code text}; fails when there is none. */
    public LogLinesAssert withMessageContaining(String text) {
        return narrow(line -> line.message() != null && line.message().contains(text), "with a message containing \"" + text + "\"");
    }

    /** The lines logged with an exception of this type (or a subtype); fails when there is none. */
    public LogLinesAssert withException(Class<? extends Throwable> type) {
        return narrow(line -> type.isInstance(line.throwable()), "with a " + type.getName());
    }

    /** The lines of the logger {@code name} (e.g. {@code com.acme.Orders}); fails when there is none. */
    public LogLinesAssert fromLogger(String name) {
        return narrow(line -> line.logger().equals(name), "from logger " + name);
    }

    /** Checks how many lines are selected. */
    public LogLinesAssert hasSize(int expected) {
        if (actual.size() != expected) {
            failWithMessage("%nExpected %d %s, but found %d:%n%s", expected, selection, actual.size(), Describe.logs(actual));
        }
        return this;
    }

    /** Checks that no line is selected. */
    public LogLinesAssert isEmpty() {
        if (!actual.isEmpty()) {
            failWithMessage("%nExpected no %s, but found %d:%n%s", selection, actual.size(), Describe.logs(actual));
        }
        return this;
    }

    /** Checks that none of the selected lines was logged at {@code level}. */
    public LogLinesAssert hasNoLinesAt(Level level) {
        List<CapturedLog> at = actual.stream().filter(line -> line.level() == level).toList();
        if (!at.isEmpty()) {
            failWithMessage("%nExpected no line at %s among %s, but found %d:%n%s", level, selection, at.size(), Describe.logs(at));
        }
        return this;
    }

    /**
     * Checks that each selected line carries a {@code trace_id} and a {@code span_id}, and that
     * they all carry the same trace ID.
     */
    public LogLinesAssert everyLineCarriesTraceId() {
        requireLines("every one to carry a trace ID");
        List<CapturedLog> without = actual.stream().filter(line -> isBlank(line.traceId()) || isBlank(line.spanId())).toList();
        if (!without.isEmpty()) {
            failWithMessage("%nExpected every one of %s to carry trace_id and span_id, but %d of %d do not:%n%s%nAll of them:%n%s",
                    selection, without.size(), actual.size(), Describe.logs(without), Describe.logs(actual));
        }
        List<String> traces = actual.stream().map(CapturedLog::traceId).distinct().toList();
        if (traces.size() > 1) {
            failWithMessage("%nExpected %s to carry one trace ID, but they carry %d: %s%n%s", selection, traces.size(), traces,
                    Describe.logs(actual));
        }
        return this;
    }

    private void requireLines(String what) {
        if (!capture.capturesLogs()) {
            failWithMessage("%nNo log lines are captured: SLF4J is not bound to Logback (%s); obs-test captures Logback events",
                    org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName());
        }
        if (actual.isEmpty()) {
            failWithMessage("%nExpected %s, %s, but there are none.%nLog lines captured:%n%s", selection, what,
                    Describe.logs(capture.logs()));
        }
    }

    private LogLinesAssert narrow(Predicate<CapturedLog> test, String condition) {
        isNotNull();
        String narrowed = selection + " " + condition;
        if (!capture.capturesLogs()) {
            failWithMessage("%nExpected %s to include a line %s, but no log lines are captured: SLF4J is not bound to Logback (%s)",
                    selection, condition,
                    org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName());
        }
        List<CapturedLog> kept = actual.stream().filter(test).toList();
        if (kept.isEmpty()) {
            String dropped = capture.droppedLogLines() > 0
                    ? String.format("%n(%d older lines were not kept; the capture holds the latest %d)", capture.droppedLogLines(),
                            ObsExtension.DEFAULT_LOG_CAPACITY)
                    : "";
            if (actual.isEmpty()) {
                failWithMessage("%nExpected %s to include a line %s, but there are none.%nLog lines captured:%n%s%s", selection,
                        condition, Describe.logs(pool.isEmpty() ? capture.logs() : pool), dropped);
            }
            failWithMessage("%nExpected %s to include a line %s, but %s:%n%s%s", selection, condition,
                    actual.size() == 1 ? "its only line does not" : "none of its " + actual.size() + " lines does",
                    Describe.logs(actual), dropped);
        }
        return new LogLinesAssert(capture, kept, actual, narrowed);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
