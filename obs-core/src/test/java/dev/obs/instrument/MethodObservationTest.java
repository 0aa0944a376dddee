package dev.obs.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.obs.Observability;
import dev.obs.annotation.Timed;
import dev.obs.annotation.Traced;
import dev.obs.context.ContextScope;
import dev.obs.context.RequestContext;
import dev.obs.testing.IsolatedObs;
import dev.obs.testmodule.RecordingModule;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MethodObservationTest {

    public interface OrderService {
        String place(String customer);

        @Traced("orders.fail")
        void fail(RuntimeException toThrow);

        CompletableFuture<String> later(CompletableFuture<String> result);

        String untouched();
    }

    static final class DefaultOrderService implements OrderService {
        @Override
        @Traced
        @Timed("orders.place")
        public String place(String customer) {
            return "order for " + customer;
        }

        @Override
        public void fail(RuntimeException toThrow) {
            throw toThrow;
        }

        @Override
        @Traced
        public CompletableFuture<String> later(CompletableFuture<String> result) {
            return result;
        }

        @Override
        public String untouched() {
            return "plain";
        }
    }

    private Observability obs;

    @BeforeEach
    void install() {
        RecordingModule.EVENTS.clear();
        obs = IsolatedObs.builder()
                .set("obs.admin.enabled", "false").shutdownHook(false).install();
        RecordingModule.EVENTS.clear();
    }

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    @Test
    void descriptorsReadTheAnnotations() throws Exception {
        ObservedMethod place = ObservedMethod.of(DefaultOrderService.class, "place", "(Ljava/lang/String;)Ljava/lang/String;");
        assertThat(place.spanName()).isEqualTo("DefaultOrderService.place");
        assertThat(place.timerName()).isEqualTo("orders.place");
        assertThat(place.className()).isEqualTo(DefaultOrderService.class.getName());
        ObservedMethod fail = ObservedMethod.of(OrderService.class.getMethod("fail", RuntimeException.class), DefaultOrderService.class);
        assertThat(fail.spanName()).isEqualTo("orders.fail");
        assertThat(fail.timed()).isFalse();
    }

    @Test
    void proxyObservesAnnotatedMethodsOnly() {
        OrderService service = obs.instrument(OrderService.class, new DefaultOrderService());
        try (ContextScope ignored = RequestContext.newRequest("req-7").makeCurrent()) {
            assertThat(service.place("ann")).isEqualTo("order for ann");
        }
        assertThat(service.untouched()).isEqualTo("plain");
        assertThat(RecordingModule.EVENTS).containsExactly("enter place req-7", "leave place", "complete place");
    }

    @Test
    void theSameExceptionInstancePropagatesAndIsObserved() {
        OrderService service = obs.instrument(OrderService.class, new DefaultOrderService());
        IllegalStateException thrown = new IllegalStateException("no stock");
        assertThat(catchThrowable(() -> service.fail(thrown))).isSameAs(thrown);
        assertThat(RecordingModule.EVENTS).containsExactly("enter fail", "leave fail", "complete fail no stock");
    }

    @Test
    void asyncMethodsCompleteWhenTheirFutureDoes() {
        OrderService service = obs.instrument(OrderService.class, new DefaultOrderService());
        CompletableFuture<String> pending = new CompletableFuture<>();
        CompletableFuture<String> returned = service.later(pending);
        assertThat(returned).isSameAs(pending);
        assertThat(RecordingModule.EVENTS).containsExactly("enter later", "leave later");
        pending.completeExceptionally(new IllegalArgumentException("declined"));
        assertThat(RecordingModule.EVENTS).containsExactly("enter later", "leave later", "complete later declined");
    }

    interface PackagePrivateService {
        @Traced
        String work();
    }

    @Test
    void proxiesWorkForPackagePrivateInterfaces() {
        PackagePrivateService service = obs.instrument(PackagePrivateService.class, () -> "done");
        assertThat(service.work()).isEqualTo("done");
        assertThat(RecordingModule.EVENTS).containsExactly("enter work", "leave work", "complete work");
    }

    @Test
    void programmaticBlocks() throws Exception {
        assertThat(obs.trace("pricing.quote", () -> 12)).isEqualTo(12);
        obs.time("orders.import", () -> { });
        assertThat(RecordingModule.EVENTS).containsExactly(
                "enter pricing.quote", "leave pricing.quote", "complete pricing.quote",
                "enter orders.import", "leave orders.import", "complete orders.import");
        Exception checked = new Exception("checked");
        assertThat(catchThrowable(() -> obs.trace("x", () -> {
            throw checked;
        }))).isSameAs(checked);
    }

    @Test
    void withoutInstallEnterIsNullAndExitIsANoop() {
        Observability.resetForTesting();
        RecordingModule.EVENTS.clear();
        ObservedMethod method = ObservedMethod.named("nothing", null);
        Object call = MethodObservation.enter(method);
        assertThat(call).isNull();
        MethodObservation.exit(call, null, null);
        assertThat(RecordingModule.EVENTS).isEmpty();
    }
}
