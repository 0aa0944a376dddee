package dev.obs.benchmarks.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpHandler;
import dev.obs.Observability;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * The request thread's CPU time per request through obs's filter, console off against on, measured
 * with the thread's own CPU clock, so that a machine shared with other work (where JMH's wall-clock
 * averages are not usable) still gives the cost. The same in-memory exchange as
 * {@link HttpFilterBenchmark}; rounds alternate between the two settings.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.obs.benchmarks.http.FilterCpuCost [rounds] [requests] [sample ratio]
 * </pre>
 */
public final class FilterCpuCost {

    private FilterCpuCost() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        String ratio = args.length > 2 ? args[2] : "0.1";
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) {
            for (String console : new String[] {"off", "on"}) {
                boolean on = console.equals("on");
                Observability obs = Observability.builder().set("obs.admin.enabled", Boolean.toString(on))
                        .set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1")
                        .set("obs.console.enabled", Boolean.toString(on)).set("obs.service.name", "bench")
                        .set("obs.traces.sample.ratio", ratio).set("obs.traces.max.per.second", "0")
                        .set("obs.log.level", "warn").shutdownHook(false).install();
                List<Filter> filters = List.of(obs.httpServerFilter());
                HttpHandler handler = exchange -> exchange.sendResponseHeaders(200, -1);
                FakeExchange exchange = new FakeExchange("/hello", "/hello");
                for (int i = 0; i < requests; i++) { // warm-up, and fills the console's memory
                    exchange.reset();
                    new Filter.Chain(filters, handler).doFilter(exchange);
                }
                long cpu = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < requests; i++) {
                    exchange.reset();
                    new Filter.Chain(filters, handler).doFilter(exchange);
                }
                double nanos = (threads.getCurrentThreadCpuTime() - cpu) / (double) requests;
                System.out.printf("round %d console %-3s %8.0f ns CPU per request%n", round, console, nanos);
                Observability.resetForTesting();
            }
        }
    }
}
