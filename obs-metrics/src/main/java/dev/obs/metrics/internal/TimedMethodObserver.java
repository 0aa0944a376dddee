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
    /** Descriptors remembered by identity; past this many, lookups go by value only. */
    static final int MAX_BY_IDENTITY = 20_000;

    // Keyed by identity: an ObservedMethod is built once per method and reused for every call. The
    // timers themselves are keyed by value, so that descriptors built again for the same method
    // (a caller that does not reuse them) share one set of timers and never grow memory per call.
    private final Map<ObservedMethod, MethodTimers> byMethod = new ConcurrentHashMap<>();
    private final Map<List<Object>, MethodTimers> byValue = new ConcurrentHashMap<>();

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
            timers = timersOf(method);
        }
        return new TimedCall(timers, System.nanoTime());
    }

    private MethodTimers timersOf(ObservedMethod method) {
        List<Object> key = List.of(method.timerName(), method.className(), method.methodName(), method.timerDescription(),
                method.timerExtraTags());
        MethodTimers timers = byValue.computeIfAbsent(key, k -> timersFor(method));
        if (byMethod.size() < MAX_BY_IDENTITY) {
            byMethod.putIfAbsent(method, timers);
        }
        return timers;
    }

    /** How many descriptors and distinct timer sets are remembered (for tests). */
    int cachedEntries() {
        return byMethod.size() + byValue.size();
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
