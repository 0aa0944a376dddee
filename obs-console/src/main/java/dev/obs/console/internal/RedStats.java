package dev.obs.console.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate, errors and duration per route over the last minute and the last 15 minutes, from the
 * requests obs observed in this process. Each route keeps 60 slices of 15 seconds with a
 * log-scale histogram of durations (buckets 1.5 times apart), so percentiles are within a bucket's
 * width; memory is bounded by {@link #MAX_ROUTES}.
 */
final class RedStats {

    static final int MAX_ROUTES = 200;
    static final String OTHER = "_OTHER";
    static final long SLICE_MILLIS = 15_000;
    static final int SLICES = 60; // 15 minutes
    static final int BUCKETS = 42;
    private static final double FIRST_BOUND_NANOS = 10_000; // 10 µs
    private static final double GROWTH = 1.5;
    private static final double LOG_GROWTH = Math.log(GROWTH);

    /** A window's figures. */
    record Window(long count, long errors, double ratePerSecond, double p50Millis, double p95Millis, double p99Millis) {
    }

    /** One route's figures. */
    record RouteRed(String route, Window lastMinute, Window last15Minutes) {
    }

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final long startMillis;

    RedStats(long startMillis) {
        this.startMillis = startMillis;
    }

    void record(String method, String route, boolean error, long durationNanos, long nowMillis) {
        String key = method + " " + route;
        Route r = routes.get(key);
        if (r == null) {
            if (routes.size() >= MAX_ROUTES) {
                key = OTHER;
            }
            r = routes.computeIfAbsent(key, k -> new Route());
        }
        r.record(error, bucket(durationNanos), nowMillis);
    }

    static int bucket(long durationNanos) {
        if (durationNanos <= FIRST_BOUND_NANOS) {
            return 0;
        }
        int b = (int) Math.ceil(Math.log(durationNanos / FIRST_BOUND_NANOS) / LOG_GROWTH);
        return Math.min(b, BUCKETS - 1);
    }

    /** The upper bound of bucket {@code b}, in nanoseconds. */
    static double upperBoundNanos(int b) {
        return FIRST_BOUND_NANOS * Math.pow(GROWTH, b);
    }

    List<RouteRed> snapshot(long nowMillis) {
        List<RouteRed> out = new ArrayList<>();
        routes.forEach((name, route) -> out.add(new RouteRed(name, route.window(nowMillis, 60_000, startMillis),
                route.window(nowMillis, 900_000, startMillis))));
        out.sort((a, b) -> Long.compare(b.last15Minutes().count(), a.last15Minutes().count()));
        return out;
    }

    private static final class Route {
        private final long[] sliceIndex = new long[SLICES];
        private final long[] counts = new long[SLICES];
        private final long[] errors = new long[SLICES];
        private final long[][] histograms = new long[SLICES][];

        Route() {
            java.util.Arrays.fill(sliceIndex, -1);
        }

        synchronized void record(boolean error, int bucket, long nowMillis) {
            long index = nowMillis / SLICE_MILLIS;
            int slot = (int) (index % SLICES);
            if (index < sliceIndex[slot]) {
                return; // older than the window (a clock step back): never overwrite newer figures
            }
            if (sliceIndex[slot] != index) {
                sliceIndex[slot] = index;
                counts[slot] = 0;
                errors[slot] = 0;
                if (histograms[slot] == null) {
                    histograms[slot] = new long[BUCKETS];
                } else {
                    java.util.Arrays.fill(histograms[slot], 0);
                }
            }
            counts[slot]++;
            if (error) {
                errors[slot]++;
            }
            histograms[slot][bucket]++;
        }

        synchronized Window window(long nowMillis, long spanMillis, long startMillis) {
            long current = nowMillis / SLICE_MILLIS;
            long oldest = (nowMillis - spanMillis) / SLICE_MILLIS + 1;
            long count = 0;
            long failed = 0;
            long[] merged = new long[BUCKETS];
            for (int slot = 0; slot < SLICES; slot++) {
                long index = sliceIndex[slot];
                if (index >= oldest && index <= current) {
                    count += counts[slot];
                    failed += errors[slot];
                    long[] h = histograms[slot];
                    for (int b = 0; b < BUCKETS; b++) {
                        merged[b] += h[b];
                    }
                }
            }
            long coveredFrom = Math.max(oldest * SLICE_MILLIS, startMillis);
            double seconds = Math.max(1.0, (nowMillis - coveredFrom) / 1000.0);
            return new Window(count, failed, count / seconds, percentile(merged, count, 0.50),
                    percentile(merged, count, 0.95), percentile(merged, count, 0.99));
        }

        /** Linear within the bucket that holds the rank, in milliseconds; NaN without data. */
        private static double percentile(long[] histogram, long count, double q) {
            if (count == 0) {
                return Double.NaN;
            }
            double rank = q * count;
            long seen = 0;
            for (int b = 0; b < BUCKETS; b++) {
                if (histogram[b] == 0) {
                    continue;
                }
                if (seen + histogram[b] >= rank) {
                    double low = b == 0 ? 0 : upperBoundNanos(b - 1);
                    double high = upperBoundNanos(b);
                    double within = (rank - seen) / histogram[b];
                    return (low + (high - low) * Math.max(0, Math.min(1, within))) / 1e6;
                }
                seen += histogram[b];
            }
            return upperBoundNanos(BUCKETS - 1) / 1e6;
        }
    }
}
