package dev.obs.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SamplingPolicyTest {

    private static String randomTraceId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return String.format("%016x%016x", r.nextLong(), r.nextLong());
    }

    @Test
    void ratioIsDeterministicOnTheTraceId() {
        SamplingPolicy a = new SamplingPolicy(0.3, 0, false, Duration.ZERO);
        SamplingPolicy b = new SamplingPolicy(0.3, 0, false, Duration.ZERO);
        for (int i = 0; i < 1000; i++) {
            String id = randomTraceId();
            assertThat(a.sampleRoot(id)).isEqualTo(b.sampleRoot(id));
        }
    }

    @Test
    void ratioSamplesAboutThatShare() {
        SamplingPolicy policy = new SamplingPolicy(0.1, 0, false, Duration.ZERO);
        int sampled = 0;
        for (int i = 0; i < 100_000; i++) {
            if (policy.sampleRoot(randomTraceId())) {
                sampled++;
            }
        }
        assertThat(sampled).isBetween(9_000, 11_000);
    }

    @Test
    void zeroAndOneAreAbsolute() {
        SamplingPolicy never = new SamplingPolicy(0.0, 0, false, Duration.ZERO);
        SamplingPolicy always = new SamplingPolicy(1.0, 0, false, Duration.ZERO);
        for (int i = 0; i < 1000; i++) {
            String id = randomTraceId();
            assertThat(never.sampleRoot(id)).isFalse();
            assertThat(always.sampleRoot(id)).isTrue();
        }
    }

    @Test
    void parentDecisionIsHonoured() {
        SamplingPolicy never = new SamplingPolicy(0.0, 1, false, Duration.ZERO);
        assertThat(never.sampleChild(true)).isTrue();
        SamplingPolicy always = new SamplingPolicy(1.0, 0, false, Duration.ZERO);
        assertThat(always.sampleChild(false)).isFalse();
    }

    @Test
    void capLimitsNewTracesPerSecondAndRefillsNextSecond() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        SamplingPolicy policy = new SamplingPolicy(1.0, 10, false, Duration.ZERO, now::get);
        int sampled = 0;
        for (int i = 0; i < 100; i++) {
            if (policy.sampleRoot(randomTraceId())) {
                sampled++;
            }
        }
        assertThat(sampled).isEqualTo(10);
        now.addAndGet(1_000_000_000L);
        assertThat(policy.sampleRoot(randomTraceId())).isTrue();
    }

    @Test
    void workOutsideRequestsHasABudgetOfItsOwn() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        SamplingPolicy policy = new SamplingPolicy(1.0, 10, false, Duration.ZERO, now::get);
        int background = 0;
        for (int i = 0; i < 5_000; i++) {
            if (policy.sampleBackgroundRoot(randomTraceId())) {
                background++;
            }
        }
        int requests = 0;
        for (int i = 0; i < 100; i++) {
            if (policy.sampleRoot(randomTraceId())) {
                requests++;
            }
        }
        assertThat(background).isEqualTo(10);
        assertThat(requests).as("requests sampled in the same second").isEqualTo(10);
    }

    @Test
    void keepSwitches() {
        assertThat(new SamplingPolicy(0.1, 0, true, Duration.ZERO).keepsAnyUnsampled()).isTrue();
        assertThat(new SamplingPolicy(0.1, 0, false, Duration.ofSeconds(2)).keepsAnyUnsampled()).isTrue();
        assertThat(new SamplingPolicy(0.1, 0, false, Duration.ZERO).keepsAnyUnsampled()).isFalse();
    }
}
