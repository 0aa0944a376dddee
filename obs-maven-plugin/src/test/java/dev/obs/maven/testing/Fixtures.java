package dev.obs.maven.testing;

import java.util.Map;

/** Sources that exercise every case the weaver handles. {@code // THROWS HERE} marks the line a stack trace must name. */
public final class Fixtures {

    private Fixtures() {
    }

    public static final String ORDERS = """
            package fx;

            import dev.obs.annotation.Timed;
            import dev.obs.annotation.Traced;
            import java.io.IOException;
            import java.util.concurrent.CompletableFuture;

            public final class Orders {
                static final String EAGER = eager();

                public Orders() {
                }

                @Traced
                public String place(String customer) {
                    return "order-for-" + customer;
                }

                @Timed(value = "orders.size", description = "Order sizes", extraTags = {"tier", "gold"})
                int size(int items) {
                    return items * 2;
                }

                @Traced("orders.secret")
                private long secret() {
                    return 42L;
                }

                public long callSecret() {
                    return secret();
                }

                @Traced
                @Timed
                public static double half(double value) {
                    return value / 2;
                }

                @Traced
                public void fail(RuntimeException error) {
                    throw error; // THROWS HERE
                }

                @Traced
                public void checked() throws IOException {
                    throw new IOException("disk full");
                }

                @Traced
                public CompletableFuture<String> later(CompletableFuture<String> future) {
                    return future;
                }

                @Traced
                public boolean flag() {
                    return true;
                }

                @Traced
                public char letter() {
                    return 'x';
                }

                @Traced
                static String eager() {
                    return "eager";
                }

                public String notAnnotated() {
                    return "plain";
                }

                @Traced
                public native void nativeMethod();
            }
            """;

    public static final String BILLING = """
            package fx;

            import dev.obs.annotation.Timed;
            import dev.obs.annotation.Traced;

            @Traced
            public class Billing {
                public int charge(int cents) {
                    return cents + 1;
                }

                int internal() {
                    return 7;
                }

                @Timed("billing.refund")
                public String refund() {
                    return "refunded";
                }
            }
            """;

    public static final String SHAPES = """
            package fx;

            import dev.obs.annotation.Traced;

            public abstract class Shapes implements Comparable<Shapes> {
                @Traced
                public abstract double area();

                @Traced
                public String describe() {
                    return "area " + area();
                }

                @Traced
                @Override
                public int compareTo(Shapes other) {
                    return Double.compare(area(), other.area());
                }

                public static final class Square extends Shapes {
                    @Override
                    public double area() {
                        return 4;
                    }
                }
            }
            """;

    public static final String GREETER = """
            package fx;

            import dev.obs.annotation.Traced;

            public interface Greeter {
                @Traced
                String name();

                @Traced
                default String greet() {
                    return "hello " + name();
                }
            }
            """;

    public static final String PLAIN = """
            package fx;

            public class Plain {
                public String run() {
                    return "plain";
                }
            }
            """;

    public static Map<String, String> all() {
        return Map.of("fx/Orders.java", ORDERS, "fx/Billing.java", BILLING, "fx/Shapes.java", SHAPES,
                "fx/Greeter.java", GREETER, "fx/Plain.java", PLAIN);
    }

    /** The 1-based line of {@code marker} in {@code source}. */
    public static int lineOf(String source, String marker) {
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(marker)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(marker);
    }
}
