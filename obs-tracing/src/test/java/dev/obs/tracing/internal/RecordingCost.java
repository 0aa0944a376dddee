package dev.obs.tracing.internal;

import dev.obs.Observability;
import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import dev.obs.http.HttpServerRequest;
import dev.obs.spi.HttpServerCall;
import dev.obs.tracing.support.Obs;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * A quick measurement (not a benchmark: JMH comes later) of what the tracing module adds to one
 * request made of a server span and five traced blocks, when the head decision says no and
 * unsampled requests are recorded (to keep failed/slow ones) or not, and when it says yes.
 * The request's path mirrors core's filter: beforeAttach, attach, onStart, work, onEnd, detach.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) dev.obs.tracing.internal.RecordingCost
 * </pre>
 */
public final class RecordingCost {

    private static final int SPANS_PER_REQUEST = 5;
    private static long sink;

    public static void main(String[] args) {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String[][] modes = {
                {"unsampled, not recorded (keep-errors off)", "0", "false", "0"},
                {"unsampled, recorded for keep-errors/slow", "0", "true", "2s"},
                {"sampled (in-memory ring, no export)", "1", "false", "0"},
        };
        for (String[] mode : modes) {
            Observability obs = Obs.install("obs.traces.sample.ratio", mode[1], "obs.traces.max.per.second", "0",
                    "obs.traces.keep.errors", mode[2], "obs.traces.keep.slower.than", mode[3]);
            TracingRuntime runtime = TracingRuntime.current();
            ServerSpanObserver observer = new ServerSpanObserver(runtime.tracer(), runtime.w3c(),
                    runtime.errors());
            run(obs, observer, requests); // warm-up
            long[] rounds = new long[7];
            long allocated = 0;
            for (int r = 0; r < rounds.length; r++) {
                long bytesBefore = allocatedBytes();
                long start = System.nanoTime();
                run(obs, observer, requests);
                rounds[r] = (System.nanoTime() - start) / requests;
                allocated = (allocatedBytes() - bytesBefore) / requests;
            }
            Arrays.sort(rounds);
            long tracedCall = tracedCallNanos(observer);
            System.out.printf("%-45s median %6d ns/request (min %d, max %d), ~%d bytes allocated/request; "
                            + "one more traced call inside: %d ns%n",
                    mode[0], rounds[rounds.length / 2], rounds[0], rounds[rounds.length - 1], allocated, tracedCall);
            Observability.resetForTesting();
        }
        System.out.println("(one request = server span + " + SPANS_PER_REQUEST + " traced blocks; " + sink % 2 + ")");
    }

    private static void run(Observability obs, ServerSpanObserver observer, int requests) {
        for (int i = 0; i < requests; i++) {
            RequestContext context = RequestContext.newRequest("req-" + (i & 1023));
            context = observer.beforeAttach(REQUEST, context);
            try (ContextScope ignored = context.makeCurrent()) {
                HttpServerCall call = observer.onStart(REQUEST, context);
                for (int s = 0; s < SPANS_PER_REQUEST; s++) {
                    obs.trace("step", () -> sink++);
                }
                if (call != null) {
                    call.onEnd("/orders/{id}", 200, null, 0);
                }
            }
        }
    }

    /** What entering and leaving one traced method costs inside a request, over the bare call (median of rounds). */
    private static long tracedCallNanos(ServerSpanObserver observer) {
        dev.obs.instrument.ObservedMethod method = dev.obs.instrument.ObservedMethod.named("OrderService.price", null);
        RequestContext context = observer.beforeAttach(REQUEST, RequestContext.newRequest("req-call"));
        long[] rounds = new long[9];
        int calls = 2_000_000;
        try (ContextScope ignored = context.makeCurrent()) {
            HttpServerCall call = observer.onStart(REQUEST, context);
            for (int r = 0; r < rounds.length; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    Object token = dev.obs.instrument.MethodObservation.enter(method);
                    sink += i;
                    dev.obs.instrument.MethodObservation.exit(token, null, null);
                }
                long traced = System.nanoTime() - start;
                start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    sink += i;
                }
                long bare = System.nanoTime() - start;
                rounds[r] = (traced - bare) / calls;
            }
            if (call != null) {
                call.onEnd("/orders/{id}", 200, null, 0);
            }
        }
        Arrays.sort(rounds);
        return rounds[rounds.length / 2];
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static final HttpServerRequest REQUEST = new HttpServerRequest() {
        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String route() {
            return "/orders/{id}";
        }

        @Override
        public String path() {
            return "/orders/42";
        }

        @Override
        public String header(String name) {
            return name.equalsIgnoreCase("User-Agent") ? "curl/8.5" : null;
        }

        @Override
        public String scheme() {
            return "http";
        }

        @Override
        public String protocolVersion() {
            return "1.1";
        }

        @Override
        public int serverPort() {
            return 8080;
        }
    };
}
