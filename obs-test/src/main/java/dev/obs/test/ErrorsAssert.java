package dev.obs.test;

import dev.obs.errors.CapturedError;
import dev.obs.test.internal.Describe;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the error events captured (what obs-errors reports, to Sentry when a DSN is set).
 *
 * <pre>{@code
 * assertThat(capture).errors().hasSize(1).first()
 *         .hasType(IllegalStateException.class)
 *         .isTaggedWithRequestId(response.requestId());
 * }</pre>
 */
public final class ErrorsAssert extends AbstractAssert<ErrorsAssert, List<CapturedError>> {

    private final String selection;

    ErrorsAssert(List<CapturedError> errors, String selection) {
        super(errors, ErrorsAssert.class);
        this.selection = selection;
    }

    /** Checks how many error events there are. */
    public ErrorsAssert hasSize(int expected) {
        if (actual.size() != expected) {
            failWithMessage("%nExpected %d %s, but there %s %d:%n%s", expected, selection, actual.size() == 1 ? "is" : "are",
                    actual.size(), Describe.errors(actual));
        }
        return this;
    }

    /** Checks that there is no error event. */
    public ErrorsAssert isEmpty() {
        return hasSize(0);
    }

    /** The error events of this exception type (exactly, by class name); fails when there is none. */
    public ErrorsAssert ofType(Class<? extends Throwable> type) {
        List<CapturedError> kept = actual.stream().filter(e -> e.exceptionType().equals(type.getName())).toList();
        if (kept.isEmpty()) {
            failWithMessage("%nExpected %s to include a %s, but %s:%n%s", selection, type.getName(),
                    actual.isEmpty() ? "there are none" : "none is one", Describe.errors(actual));
        }
        return new ErrorsAssert(kept, selection + " of type " + type.getName());
    }

    /** The first (oldest) error event; fails when there is none. */
    public ErrorAssert first() {
        return element(0);
    }

    /** The last (latest) error event; fails when there is none. */
    public ErrorAssert last() {
        return element(actual.size() - 1);
    }

    /** The only error event; fails unless there is exactly one. */
    public ErrorAssert single() {
        return hasSize(1).first();
    }

    /** The error event at {@code index}, oldest first; fails when there are not that many. */
    public ErrorAssert element(int index) {
        if (index < 0 || index >= actual.size()) {
            failWithMessage("%nExpected %s, but there %s %d:%n%s", index == 0 || index == -1 ? "at least one of the " + selection
                    : "at least " + (index + 1) + " " + selection, actual.size() == 1 ? "is" : "are", actual.size(),
                    Describe.errors(actual));
        }
        return new ErrorAssert(actual.get(index));
    }
}
