package dev.obs.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UtcTimestampJsonProviderTest {

    private static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final UtcTimestampJsonProvider provider = new UtcTimestampJsonProvider();

    private String format(long millis) {
        return new String(provider.format(millis));
    }

    @Test
    void writesWhatTheIsoPatternWritesForAnyMillisecondInAnyOrder() {
        SplittableRandom random = new SplittableRandom(42);
        long[] edges = {0L, -1L, 999L, 1000L, 951_782_400_000L /* 2000-02-29 */, 4_102_444_799_999L /* 2099-12-31 23:59:59.999 */,
                253_402_300_799_999L /* 9999-12-31T23:59:59.999 */, -62_167_219_200_000L /* 0000-01-01 */};
        for (long millis : edges) {
            assertThat(format(millis)).as("%d", millis).isEqualTo(REFERENCE.format(Instant.ofEpochMilli(millis)));
        }
        long now = System.currentTimeMillis();
        for (int i = 0; i < 100_000; i++) {
            // mostly lines close together (the cache's case), some far apart (its misses)
            long millis = i % 10 == 0 ? random.nextLong(-62_167_219_200_000L, 253_402_300_799_999L) : now + random.nextLong(-5_000, 5_000);
            String written = format(millis);
            assertThat(written).hasSize(24);
            if (!written.equals(REFERENCE.format(Instant.ofEpochMilli(millis)))) {
                assertThat(written).as("%d", millis).isEqualTo(REFERENCE.format(Instant.ofEpochMilli(millis)));
            }
        }
    }

    @Test
    void aClockOutsideFourDigitYearsStillGivesAnIsoTimestamp() {
        long year10000 = 253_402_300_800_000L;
        assertThat(format(year10000 + 5)).isEqualTo("+10000-01-01T00:00:00.005Z");
    }
}
