package dev.obs.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.obs.Observability;
import dev.obs.annotation.Timed;
import dev.obs.metrics.support.Exposition;
import dev.obs.metrics.support.TestService;
import dev.obs.testing.IsolatedObs;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TimedMetricsTest {

    public interface Orders {
        @Timed(value = "orders.place", description = "Time to place an order", extraTags = {"tier", "gold"})
        String place(String customer);

        @Timed("orders.export")
        CompletionStage<Integer> export(CompletableFuture<Integer> result);

        @Timed
        void untitled();
    }

    static final class DefaultOrders implements Orders {
        @Override
        public String place(String customer) {
            if (customer.isEmpty()) {
                throw new IllegalArgumentException("no customer");
            }
            return "order for " + customer;
        }

        @Override
        public CompletionStage<Integer> export(CompletableFuture<Integer> result) {
            return result;
        }

        @Override
        public void untitled() {
        }
    }

    private Observability obs;
    private TestService service;
    private Orders orders;

    @BeforeEach
    void install() {
        obs = IsolatedObs.builder().set("obs.admin.port", "0").set("obs.admin.host", "127.0.0.1").shutdownHook(false).install();
        service = new TestService(obs);
        orders = obs.instrument(Orders.class, new DefaultOrders());
    }

    @AfterEach
    void reset() {
        service.close();
        Observability.resetForTesting();
    }

    @Test
    void timesCallsUnderTheAnnotationsNameWithClassMethodAndExceptionTags() {
        orders.place("ada");
        orders.place("grace");
        assertThatThrownBy(() -> orders.place("")).isInstanceOf(IllegalArgumentException.class);

        Exposition exposition = service.scrape();

        Exposition.Sample ok = exposition.sample("orders_place_seconds_count", "exception", "none");
        assertThat(ok.value()).isEqualTo(2);
        assertThat(ok.labels())
                .containsEntry("class", DefaultOrders.class.getName())
                .containsEntry("method", "place")
                .containsEntry("tier", "gold");
        assertThat(exposition.value("orders_place_seconds_count", "exception", "IllegalArgumentException")).isEqualTo(1);
        assertThat(exposition.types()).containsEntry("orders_place_seconds", "histogram");
        assertThat(exposition.text()).contains("# HELP orders_place_seconds Time to place an order");
        List<String> boundaries = exposition.samples("orders_place_seconds_bucket").stream()
                .filter(s -> "none".equals(s.label("exception"))).map(s -> s.label("le")).toList();
        assertThat(boundaries).hasSize(15).startsWith("0.005").endsWith("+Inf");
    }

    @Test
    void timesAnAsynchronousMethodUntilItsStageCompletes() {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        orders.export(result);
        assertThat(service.scrape().samples("orders_export_seconds_count")).isEmpty();

        result.completeExceptionally(new IllegalStateException("disk full"));

        assertThat(service.scrape().value("orders_export_seconds_count", "exception", "IllegalStateException")).isEqualTo(1);
    }

    @Test
    void namesAnUnnamedTimerMethodTimed() {
        orders.untitled();

        assertThat(service.scrape().value("method_timed_seconds_count", "method", "untitled", "exception", "none"))
                .isEqualTo(1);
    }

    @Test
    void timesProgrammaticBlocks() {
        int imported = obs.time("orders.import", () -> 42);

        assertThat(imported).isEqualTo(42);
        assertThat(service.scrape().value("orders_import_seconds_count", "method", "orders.import", "exception", "none"))
                .isEqualTo(1);
    }
}
