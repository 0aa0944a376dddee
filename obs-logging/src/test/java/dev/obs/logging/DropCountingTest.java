package dev.obs.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import dev.obs.spi.SelfMetric;
import dev.obs.testing.IsolatedObs;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** When stdout stalls, logging threads go on: events are dropped, counted and reported, never waited for. */
class DropCountingTest {

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;

    @AfterEach
    void reset() {
        Observability.resetForTesting();
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void aStalledStdoutDropsCountsAndReportsInsteadOfBlocking() throws Exception {
        CountDownLatch stdoutStalled = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    stdoutStalled.await(); // the log shipper stopped reading
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synchronized (written) {
                    written.write(b, off, len);
                }
            }
        }, true, StandardCharsets.UTF_8));
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));

        IsolatedObs.builder().set("obs.admin.port", "0").shutdownHook(false).set("obs.log.queue.size", "16").install();
        Logger log = LoggerFactory.getLogger("com.acme.Busy");
        int total = 2000;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            log.info("event {}", i);
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(elapsedMillis).as("logging while stdout is stalled must not wait for it").isLessThan(3000);

        SelfMetric dropped = RecordingModule.context.selfMetrics().all().stream()
                .filter(m -> m.name().equals("obs.log.events.dropped")).findFirst().orElseThrow();
        assertThat(dropped.tags()).containsExactly("reason", "queue_full");
        // at most the queue and the batch the writer holds got through
        assertThat(dropped.value()).isGreaterThanOrEqualTo(total - 16 - 64);
        String reportedWhileStalled = stderr.toString(StandardCharsets.UTF_8);
        assertThat(reportedWhileStalled.lines().filter(l -> l.startsWith("obs: "))).hasSize(1);
        assertThat(reportedWhileStalled).contains("obs: 1 log event(s) dropped because the log queue (16 events) was full")
                .contains("obs_log_events_dropped_total").contains("OBS_LOG_QUEUE_SIZE");

        stdoutStalled.countDown();
        Observability.resetForTesting(); // drains the queue
        long lines;
        synchronized (written) {
            lines = written.toString(StandardCharsets.UTF_8).lines().count();
        }
        assertThat(lines + (long) dropped.value()).as("every event is either written or counted").isEqualTo(total);

        // the rest of the drops are reported at close, so the reports add up to the count
        long reported = 0;
        Matcher m = Pattern.compile("obs: (\\d+) log event\\(s\\) dropped").matcher(stderr.toString(StandardCharsets.UTF_8));
        while (m.find()) {
            reported += Long.parseLong(m.group(1));
        }
        assertThat(reported).isEqualTo((long) dropped.value());
        assertThat(List.of(stderr.toString(StandardCharsets.UTF_8).split("\n"))).filteredOn(l -> l.startsWith("obs: ")).hasSize(2);
    }
}
