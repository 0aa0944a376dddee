package dev.obs.sampling;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The one sampling decision per request that every module follows: traces, error transactions and
 * debug logging.
 *
 * <ul>
 *   <li>A parent's decision (from an incoming {@code traceparent}) is honoured.</li>
 *   <li>Otherwise the ratio decides, deterministically on the trace ID with the same arithmetic as
 *       OpenTelemetry's {@code TraceIdRatioBased} sampler, so every service of a trace agrees.</li>
 *   <li>Root decisions that say yes are capped per second; past the cap they say no. Requests
 *       and work outside any request (a scheduled job's {@code @Traced} method) have a budget of
 *       the cap each, so that background work never leaves the requests of a second unsampled.</li>
 * </ul>
 *
 * <pre>{@code
 * boolean sampled = policy.sampleRoot(traceId);              // a new trace
 * boolean sampled = policy.sampleChild(parentSampled);       // continuing a caller's trace
 * }</pre>
 *
 * <p>{@link #keepErrors()} and {@link #keepSlowerThan()} tell the tracing module which unsampled
 * requests to keep after all.
 */
public final class SamplingPolicy {

    private final double ratio;
    private final long idUpperBound;
    private final int maxPerSecond;
    private final boolean keepErrors;
    private final Duration keepSlowerThan;
    private final LongSupplier clock;
    private final AtomicLong window = new AtomicLong(); // high 32 bits: second, low 32 bits: count
    private final AtomicLong backgroundWindow = new AtomicLong(); // the same, for work outside requests

    /**
     * @param ratio          the share of new traces sampled, 0.0 to 1.0
     * @param maxPerSecond   the most new traces sampled per second; 0 means no cap
     * @param keepErrors     keep unsampled requests that fail
     * @param keepSlowerThan keep unsampled requests slower than this; zero turns it off
     */
    public SamplingPolicy(double ratio, int maxPerSecond, boolean keepErrors, Duration keepSlowerThan) {
        this(ratio, maxPerSecond, keepErrors, keepSlowerThan, System::nanoTime);
    }

    SamplingPolicy(double ratio, int maxPerSecond, boolean keepErrors, Duration keepSlowerThan, LongSupplier nanoClock) {
        if (!(ratio >= 0.0 && ratio <= 1.0)) {
            throw new IllegalArgumentException("ratio must be from 0.0 to 1.0: " + ratio);
        }
        if (maxPerSecond < 0) {
            throw new IllegalArgumentException("maxPerSecond must be 0 (no cap) or more: " + maxPerSecond);
        }
        this.ratio = ratio;
        this.idUpperBound = ratio <= 0.0 ? Long.MIN_VALUE : ratio >= 1.0 ? Long.MAX_VALUE : (long) (ratio * Long.MAX_VALUE);
        this.maxPerSecond = maxPerSecond;
        this.keepErrors = keepErrors;
        this.keepSlowerThan = keepSlowerThan;
        this.clock = nanoClock;
    }

    /** The decision for a new trace of a request: the ratio on the trace ID, then the per-second cap. */
    public boolean sampleRoot(String traceId) {
        return ratioSays(traceId) && withinCap(window);
    }

    /**
     * The decision for a new trace that is not a request (work started outside any request): the
     * ratio on the trace ID, then a per-second cap of its own, so that it never draws on the
     * requests' budget.
     */
    public boolean sampleBackgroundRoot(String traceId) {
        return ratioSays(traceId) && withinCap(backgroundWindow);
    }

    /**
     * The decision for a trace continued from a caller: the caller's decision, whatever the trace
     * ID, the ratio and the cap say (every service of a trace agrees).
     */
    public boolean sampleChild(boolean parentSampled) {
        return parentSampled;
    }

    /** Whether the ratio alone would sample this trace ID (32 hex characters). */
    public boolean ratioSays(String traceId) {
        if (idUpperBound == Long.MAX_VALUE) {
            return true;
        }
        if (idUpperBound == Long.MIN_VALUE) {
            return false;
        }
        long randomPart = parseHexLong(traceId, 16);
        return Math.abs(randomPart) < idUpperBound;
    }

    private boolean withinCap(AtomicLong window) {
        if (maxPerSecond == 0) {
            return true;
        }
        long second = clock.getAsLong() / 1_000_000_000L;
        while (true) {
            long current = window.get();
            long currentSecond = current >>> 32;
            int count = (int) current;
            long next;
            if (currentSecond != (second & 0xffffffffL)) {
                next = ((second & 0xffffffffL) << 32) | 1;
            } else if (count < maxPerSecond) {
                next = current + 1;
            } else {
                return false;
            }
            if (window.compareAndSet(current, next)) {
                return true;
            }
        }
    }

    private static long parseHexLong(String s, int offset) {
        long value = 0;
        for (int i = offset; i < offset + 16; i++) {
            value = (value << 4) | Character.digit(s.charAt(i), 16);
        }
        return value;
    }

    /** The ratio for new traces. */
    public double ratio() {
        return ratio;
    }

    /** Whether unsampled requests that fail are kept. */
    public boolean keepErrors() {
        return keepErrors;
    }

    /** Unsampled requests slower than this are kept; {@link Duration#ZERO} means off. */
    public Duration keepSlowerThan() {
        return keepSlowerThan;
    }

    /** Whether anything beyond the head decision is kept, i.e. unsampled requests must be recorded. */
    public boolean keepsAnyUnsampled() {
        return keepErrors || !keepSlowerThan.isZero();
    }

    @Override
    public String toString() {
        return "SamplingPolicy{ratio=" + ratio + ", maxPerSecond=" + maxPerSecond + ", keepErrors=" + keepErrors
                + ", keepSlowerThan=" + keepSlowerThan + "}";
    }
}
