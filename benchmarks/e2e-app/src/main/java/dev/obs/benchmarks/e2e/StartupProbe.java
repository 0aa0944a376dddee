package dev.obs.benchmarks.e2e;

import com.sun.net.httpserver.Filter;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URL;
import org.slf4j.LoggerFactory;

/**
 * Measures what {@code Observability.install()} adds to start-up, run by
 * {@code benchmarks/e2e/startup.sh}: starts {@link BenchmarkService} as its {@code main} would
 * (install first, then the table and the server), writes one log line right after install, asks
 * its own {@code /health} over loopback until it answers 200, and prints on stderr, in milliseconds
 * since the JVM started ({@code RuntimeMXBean.getStartTime()}):
 *
 * <pre>startup main=… installed=… first_log=… health=…</pre>
 *
 * <p>{@code main} is when this method was entered (JVM boot, the same on both sides),
 * {@code installed} when {@code install()} returned, {@code first_log} when the first log line
 * after it reached standard output, {@code health} when {@code /health} first answered 200. The script runs
 * the same class path with {@code OBS_ENABLED=false} and without, alternating, and compares.
 * Then it closes obs (so a run also proves that {@code close()} returns) and exits.
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long main = System.currentTimeMillis() - jvmStart;
        LineClock stdout = new LineClock(System.out, "service starting");
        System.setOut(stdout);
        dev.obs.Observability obs = dev.obs.Observability.install();
        long installed = System.currentTimeMillis() - jvmStart;
        LoggerFactory.getLogger(StartupProbe.class).info("service starting");
        long firstLog = stdout.awaitWritten(10_000) - jvmStart;
        Filter filter = obs.httpServerFilter();
        BenchmarkService service = BenchmarkService.start(0, filter, OrderReport.DEFAULT_ROWS, 0);
        URL health = new URL("http://127.0.0.1:" + service.port() + "/health");
        while (!healthy(health)) {
            Thread.sleep(1);
        }
        long healthy = System.currentTimeMillis() - jvmStart;
        System.err.printf("startup main=%d installed=%d first_log=%d health=%d%n", main, installed, firstLog, healthy);
        service.close();
        obs.close();
    }

    /**
     * Standard output, noting when a line holding a marker is first written to it: obs logs
     * through an async appender, so the line reaches the console after {@code info()} returns,
     * and this is when a reader of the log would see it.
     */
    private static final class LineClock extends java.io.PrintStream {
        private final byte[] marker;
        private volatile long writtenAt;

        LineClock(java.io.PrintStream out, String marker) {
            super(out, true);
            this.marker = marker.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            super.write(buf, off, len);
            if (writtenAt == 0 && contains(buf, off, len)) {
                writtenAt = System.currentTimeMillis();
            }
        }

        private boolean contains(byte[] buf, int off, int len) {
            outer:
            for (int i = off; i <= off + len - marker.length; i++) {
                for (int j = 0; j < marker.length; j++) {
                    if (buf[i + j] != marker[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        long awaitWritten(long timeoutMillis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (writtenAt == 0) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the log line was not written to standard output in " + timeoutMillis + " ms");
                }
                Thread.sleep(1);
            }
            return writtenAt;
        }
    }

    private static boolean healthy(URL url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            int status = connection.getResponseCode();
            try (InputStream body = connection.getInputStream()) {
                body.readAllBytes();
            }
            return status == 200;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
