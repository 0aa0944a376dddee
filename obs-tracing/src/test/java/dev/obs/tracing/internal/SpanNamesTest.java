package dev.obs.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Server span names, made once per method and route and bounded in number. */
class SpanNamesTest {

    private final ServerSpanObserver.SpanNames names = new ServerSpanObserver.SpanNames();

    @Test
    void aNameIsTheMethodAndTheRouteAndIsMadeOncePerRoute() {
        assertThat(names.of("GET", "/orders/{id}")).isEqualTo("GET /orders/{id}")
                .isSameAs(names.of("GET", "/orders/{id}"));
        assertThat(names.of("POST", "/orders/{id}")).isEqualTo("POST /orders/{id}");
        assertThat(names.of("_OTHER", "/orders/{id}")).isEqualTo("HTTP /orders/{id}");
        assertThat(names.of("GET", "")).isEqualTo("GET");
        assertThat(names.of("GET", null)).isEqualTo("GET");
    }

    @Test
    void pastTheBoundNamesAreStillRightButNoLongerKept() {
        int routes = ServerSpanObserver.SpanNames.MAX_NAMES_PER_METHOD + 50;
        for (int i = 0; i < routes; i++) {
            assertThat(names.of("GET", "/r/" + i)).isEqualTo("GET /r/" + i);
        }
        String last = "/r/" + (routes - 1);
        assertThat(names.of("GET", last)).isEqualTo("GET " + last).isNotSameAs(names.of("GET", last));
        assertThat(names.of("GET", "/r/0")).isSameAs(names.of("GET", "/r/0"));
    }
}
