package dev.obs.benchmarks.anchors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.obs.benchmarks.support.NoObsLoaded;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.encoder.LogstashEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import ch.qos.logback.classic.util.LogbackMDCAdapter;

/**
 * The anchors of {@code LoggingBenchmark}: a plain {@link LogstashEncoder} encoding the same event
 * (same message, arguments and MDC), and putting/removing the same three MDC keys by hand, in forks
 * where obs is not installed and none of its classes is loaded. The logger context is made here,
 * not found through SLF4J, so that no configurator on the class path runs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {NoObsLoaded.STORAGE, NoObsLoaded.OPENS})
public class PlainLogstashBenchmark {

    private LogstashEncoder encoder;
    private LoggingEvent event;
    private LoggerContext loggerContext;
    private final LogbackMDCAdapter mdc = new LogbackMDCAdapter(); // what org.slf4j.MDC delegates to with Logback

    @Setup
    public void setUp() {
        loggerContext = new LoggerContext();
        loggerContext.start();
        encoder = new LogstashEncoder();
        encoder.setContext(loggerContext);
        encoder.start();
        Logger logger = loggerContext.getLogger("dev.obs.bench.OrderService");
        event = new LoggingEvent("dev.obs.bench.Fqcn", logger, Level.INFO, "order {} placed for customer {}", null,
                new Object[] {4711, "c-1042"});
        event.setMDCPropertyMap(Map.of("request_id", "0af7651916cd43dd8448eb211c80319c",
                "trace_id", "4bf92f3577b34da6a3ce929d0e0e4736", "span_id", "00f067aa0ba902b7"));
        event.getFormattedMessage();
    }

    @TearDown
    public void tearDown() {
        encoder.stop();
        loggerContext.stop();
        NoObsLoaded.check();
    }

    @Benchmark
    public byte[] logstashEncoder() {
        return encoder.encode(event);
    }

    /** Three MDC puts, one read and three removes: what keeping Logback's MDC in step with a context costs at the least. */
    @Benchmark
    public String mdcPutAndRemoveThreeKeys() {
        mdc.put("request_id", "0af7651916cd43dd8448eb211c80319c");
        mdc.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        mdc.put("span_id", "00f067aa0ba902b7");
        String id = mdc.get("request_id");
        mdc.remove("request_id");
        mdc.remove("trace_id");
        mdc.remove("span_id");
        return id;
    }
}
