package dev.obs.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedStatsTest {

    @Test
    void percentilesFallWithinABucketOfTheTruth() {
        long now = 1_000_000_000L;
        RedStats stats = new RedStats(now - 3_600_000);
        for (int i = 1; i <= 1000; i++) { // 1 ms .. 1000 ms, uniformly
            stats.record("GET", "/x", i % 100 == 0, i * 1_000_000L, now - 1000);
        }
        RedStats.Window minute = stats.snapshot(now).get(0).lastMinute();
        assertThat(minute.count()).isEqualTo(1000);
        assertThat(minute.errors()).isEqualTo(10);
        assertThat(minute.p50Millis()).isCloseTo(500, within(500 * 0.5));
        assertThat(minute.p95Millis()).isCloseTo(950, within(950 * 0.5));
        assertThat(minute.p99Millis()).isCloseTo(990, within(990 * 0.5));
        assertThat(minute.p50Millis()).isLessThan(minute.p95Millis());
    }

    @Test
    void theMinuteWindowForgetsWhatTheQuarterHourStillCounts() {
        long now = 1_000_000_000L;
        RedStats stats = new RedStats(now - 3_600_000);
        stats.record("GET", "/x", false, 1_000_000, now - 5 * 60_000);
        stats.record("GET", "/x", false, 1_000_000, now - 20 * 60_000);
        stats.record("GET", "/x", true, 1_000_000, now - 2_000);
        RedStats.RouteRed route = stats.snapshot(now).get(0);
        assertThat(route.route()).isEqualTo("GET /x");
        assertThat(route.lastMinute().count()).isEqualTo(1);
        assertThat(route.lastMinute().errors()).isEqualTo(1);
        assertThat(route.last15Minutes().count()).isEqualTo(2);
        assertThat(route.last15Minutes().ratePerSecond()).isCloseTo(2 / 900.0, within(2 / 900.0 * 0.05));
    }

    @Test
    void routesAreBounded() {
        long now = 1_000_000_000L;
        RedStats stats = new RedStats(now);
        for (int i = 0; i < RedStats.MAX_ROUTES + 50; i++) {
            stats.record("GET", "/r" + i, false, 1000, now);
        }
        List<RedStats.RouteRed> routes = stats.snapshot(now);
        assertThat(routes).hasSize(RedStats.MAX_ROUTES + 1);
        assertThat(routes.get(0).route()).isEqualTo(RedStats.OTHER);
        assertThat(routes.get(0).last15Minutes().count()).isEqualTo(50);
    }
}
