package dev.obs.benchmarks.anchors;

import com.sun.net.httpserver.HttpServer;
import dev.obs.benchmarks.support.NoObsLoaded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The anchors of {@code TimedBenchmark} and {@code ScrapeBenchmark}: plain Micrometer with its
 * Prometheus registry, in forks where obs is not installed and none of its classes is loaded.
 * The timer has a percentile histogram, as obs's {@code @Timed} timers do; the scrape serves the
 * same 1,000 counters (two common tags, as obs adds {@code service} and {@code env}) from the JDK
 * HTTP server, fetched by the same JDK HTTP client as obs's {@code /metrics} in ScrapeBenchmark.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {NoObsLoaded.STORAGE, NoObsLoaded.OPENS})
public class PlainMicrometerBenchmark {

    private int counter;
    private PrometheusMeterRegistry registry;
    private Timer timer;
    private HttpServer server;
    private ExecutorService executor;
    private HttpClient client;
    private HttpRequest scrape;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("service", "bench", "env", "bench");
        timer = Timer.builder("bench.plain").publishPercentileHistogram().register(registry);
        for (int i = 0; i < 1000; i++) {
            Counter.builder("bench.requests").description("benchmark series").tag("route", "/route/" + (i % 100))
                    .tag("status", String.valueOf(200 + i / 100)).register(registry).increment(i);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        executor = Executors.newSingleThreadExecutor();
        server.setExecutor(executor);
        server.createContext("/metrics", exchange -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
            registry.scrape(body, "text/plain; version=0.0.4; charset=utf-8");
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.size());
            try (OutputStream out = exchange.getResponseBody()) {
                body.writeTo(out);
            }
        });
        server.start();
        client = HttpClient.newHttpClient();
        scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics")).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.stop(0);
        executor.shutdownNow();
        registry.close();
        NoObsLoaded.check();
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private int bare() {
        return ++counter;
    }

    /** A Micrometer timer with a percentile histogram recorded by hand around a call: the anchor of {@code @Timed}. */
    @Benchmark
    public int timerAroundCall() {
        long start = System.nanoTime();
        int result = bare();
        timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return result;
    }

    /** Micrometer's exposition of the 1,000 series, in memory. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public String scrapeInMemory() {
        return registry.scrape();
    }

    /** The same, as a scraper sees it: GET over loopback HTTP. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int scrapeOverHttp() throws Exception {
        return client.send(scrape, HttpResponse.BodyHandlers.ofByteArray()).body().length;
    }
}
