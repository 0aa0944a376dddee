package dev.obs.test;

import dev.obs.test.internal.Describe;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the timers of one name. A {@code @Timed} method has one series per outcome
 * ({@code exception=none}, {@code exception=IllegalStateException}, ...): counts add up over the
 * series unless {@link #withTag} picks some.
 *
 * <pre>{@code
 * assertThat(capture).timer("orders.place").hasCount(3);
 * assertThat(capture).timer("orders.place").withTag("exception", "none").hasCount(2);
 * }</pre>
 */
public final class TimerAssert extends AbstractAssert<TimerAssert, List<Timer>> {

    private final String name;
    private final String selection;

    TimerAssert(String name, List<Timer> timers, String selection) {
        super(timers, TimerAssert.class);
        this.name = name;
        this.selection = selection;
    }

    /** The series with this tag; fails when there is none. */
    public TimerAssert withTag(String key, String value) {
        List<Timer> kept = actual.stream().filter(t -> Objects.equals(t.getId().getTag(key), value)).toList();
        if (kept.isEmpty()) {
            failWithMessage("%nExpected %s to have a series tagged %s=%s, but none is.%nIts series:%n%s", selection, key, value,
                    Describe.meters(actual));
        }
        return new TimerAssert(name, kept, selection + " tagged " + key + "=" + value);
    }

    /** Checks how many times the timer recorded. */
    public TimerAssert hasCount(long expected) {
        long count = actual.stream().mapToLong(Timer::count).sum();
        if (count != expected) {
            failWithMessage("%nExpected %s to have recorded %d time%s, but it recorded %d.%nIts series:%n%s", selection, expected,
                    expected == 1 ? "" : "s", count, Describe.meters(actual));
        }
        return this;
    }

    /** Checks that the recorded durations add up to at least {@code minimum}. */
    public TimerAssert hasTotalTimeAtLeast(Duration minimum) {
        double totalNanos = actual.stream().mapToDouble(t -> t.totalTime(TimeUnit.NANOSECONDS)).sum();
        if (totalNanos < minimum.toNanos()) {
            failWithMessage("%nExpected %s to have recorded at least %s in total, but it recorded %s.%nIts series:%n%s", selection,
                    minimum, Duration.ofNanos((long) totalNanos), Describe.meters(actual));
        }
        return this;
    }
}
