package dev.obs.metrics.internal;

import dev.obs.instrument.ObservedMethod;
import dev.obs.spi.Diagnostics;
import dev.obs.spi.MethodCall;
import dev.obs.spi.MethodObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.noop.NoopTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times {@code @Timed} methods and {@code Observability.time(...)} blocks with a histogram timer
 * named by the annotation ({@code orders.place} is exposed as {@code orders_place_seconds}), tagged
 * {@code class}, {@code method}, {@code exception} ({@code none} when the call returned) and the
 * annotation's extra tags.
 *
 * <p>A call costs one small allocation (its start time) and two lookups that do not allocate: the
 * method's timers by identity, then, only when it failed, the timer of that exception class.
 */
public final class TimedMethodObserver implements MethodObserver {

    static final String NO_EXCEPTION = "none";

    private final MeterRegistry registry;
    private final Diagnostics diagnostics;
    // Keyed by identity: an ObservedMethod is built once per method and reused for every call.
    private final Map<ObservedMethod, MethodTimers> byMethod = new ConcurrentHashMap<>();

    public TimedMethodObserver(MeterRegistry registry, Diagnostics diagnostics) {
        this.registry = registry;
        this.diagnostics = diagnostics;
    }

    @Override
    public boolean observes(ObservedMethod method) {
        return method.timed();
    }

    @Override
    public MethodCall enter(ObservedMethod method) {
        MethodTimers timers = byMethod.get(method);
        if (timers == null) {
            timers = byMethod.computeIfAbsent(method, this::timersFor);
        }
        return new TimedCall(timers, System.nanoTime());
    }

    private MethodTimers timersFor(ObservedMethod method) {
        List<String> extra = method.timerExtraTags();
        List<Tag> tags = new ArrayList<>();
        tags.add(Tag.of("class", method.className()));
        tags.add(Tag.of("method", method.methodName()));
        int pairs = extra.size() / 2 * 2;
        if (pairs != extra.size()) {
            diagnostics.warnOnce("timed-extra-tags-" + method, "@Timed extraTags of " + method + " has an odd number of"
                    + " entries (keys and values alternate); the last one, \"" + extra.get(extra.size() - 1) + "\", is ignored");
        }
        for (int i = 0; i < pairs; i += 2) {
            tags.add(Tag.of(extra.get(i), extra.get(i + 1)));
        }
        String description = method.timerDescription().isEmpty()
                ? "Duration of calls timed as " + method.timerName() + "." : method.timerDescription();
        return new MethodTimers(registry, method.timerName(), description, Tags.of(tags));
    }

    /** The timers of one method: the one for normal returns, and one per exception class seen. */
    static final class MethodTimers {
        private final MeterRegistry registry;
        private final String name;
        private final String description;
        private final Tags tags;
        private volatile Timer ok;
        private final Map<Class<?>, Timer> byException = new ConcurrentHashMap<>();

        MethodTimers(MeterRegistry registry, String name, String description, Tags tags) {
            this.registry = registry;
            this.name = name;
            this.description = description;
            this.tags = tags;
        }

        Timer timer(Throwable error) {
            if (error == null) {
                Timer timer = ok;
                if (timer == null) {
                    timer = register(NO_EXCEPTION);
                    if (!(timer instanceof NoopTimer)) {
                        ok = timer;
                    }
                }
                return timer;
            }
            Class<?> type = error.getClass();
            Timer timer = byException.get(type);
            if (timer == null) {
                timer = register(exceptionName(type));
                // A no-op timer means the cardinality cap denied it; asking again lets the guard count each loss.
                if (!(timer instanceof NoopTimer)) {
                    byException.putIfAbsent(type, timer);
                }
            }
            return timer;
        }

        private Timer register(String exception) {
            return Timer.builder(name)
                    .description(description)
                    .tags(tags)
                    .tag("exception", exception)
                    .serviceLevelObjectives(HttpServerMetrics.BUCKETS)
                    .register(registry);
        }

        private static String exceptionName(Class<?> type) {
            String simple = type.getSimpleName();
            return simple.isEmpty() ? type.getName() : simple;
        }
    }

    private static final class TimedCall implements MethodCall {
        private final MethodTimers timers;
        private final long start;

        TimedCall(MethodTimers timers, long start) {
            this.timers = timers;
            this.start = start;
        }

        @Override
        public void complete(Throwable error) {
            timers.timer(error).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
