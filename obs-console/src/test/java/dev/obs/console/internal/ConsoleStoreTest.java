package dev.obs.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.spi.ErrorEvent;
import dev.obs.spi.FinishedSpan;
import dev.obs.spi.LogLine;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleStoreTest {

    private static LogLine line(String requestId, int size) {
        return new LogLine(0, "INFO", requestId, null, "{\"message\":\"" + "x".repeat(size) + "\"}");
    }

    @Test
    void theByteBoundEvictsTheOldestRequestsWithTheirDetails() {
        ConsoleStore store = new ConsoleStore(1000, 100_000);
        for (int i = 0; i < 200; i++) {
            store.begin(i, "GET", "/r", "req-" + i, "trace-" + i, false);
            for (int j = 0; j < 10; j++) {
                store.addLine(line("req-" + i, 1000));
            }
        }
        Map<String, Long> usage = store.usage();
        assertThat(usage.get("bytes")).isLessThanOrEqualTo(100_000);
        assertThat(usage.get("requests")).isBetween(5L, 20L);
        assertThat(store.find("req-199").lines()).hasSize(10);
        assertThat(store.find("req-0")).as("evicted").isNull();
        // lines of an evicted request are not kept
        store.addLine(line("req-0", 10));
        assertThat(usage.get("signalsNotKept")).isZero();
        assertThat(store.usage().get("signalsNotKept")).isEqualTo(1);
    }

    @Test
    void linesPerRequestAreCappedAndCounted() {
        ConsoleStore store = new ConsoleStore(10, 100_000_000);
        store.begin(0, "GET", "/r", "chatty", null, true);
        for (int i = 0; i < ConsoleStore.MAX_LINES_PER_REQUEST + 5; i++) {
            store.addLine(line("chatty", 10));
        }
        assertThat(store.find("chatty").lines()).hasSize(ConsoleStore.MAX_LINES_PER_REQUEST);
        assertThat(store.find("chatty").droppedLines()).isEqualTo(5);
    }

    @Test
    void spansJoinByTraceIdAndErrorsGroupByTypeAndLocation() {
        ConsoleStore store = new ConsoleStore(10, 1_000_000);
        store.begin(0, "POST", "/orders", "r-1", "t-1", true);
        store.begin(1, "GET", "/pricing", "r-1", "t-1", true); // the internal hop carries the same IDs
        store.addSpan(new FinishedSpan("t-1", "s-1", null, "POST /orders", "SERVER", 0, 10, false, Map.of()));
        store.addSpan(new FinishedSpan("t-1", "s-2", "s-1", "GET /pricing", "SERVER", 2, 5, false, Map.of()));
        for (int i = 0; i < 3; i++) {
            store.addError(new ErrorEvent(100 + i, "java.lang.IllegalStateException", "m" + i, "A.b(A.java:1)", "trace", "r-1", "t-1", null));
        }
        store.addError(new ErrorEvent(200, "java.lang.IllegalStateException", "other place", "A.c(A.java:9)", "trace", null, null, null));
        assertThat(store.find("t-1").spans()).hasSize(2);
        assertThat(store.find("r-1").errors()).hasSize(3);
        assertThat(store.errorGroups()).hasSize(2);
        ConsoleStore.GroupView first = store.errorGroups().stream().filter(g -> g.location().equals("A.b(A.java:1)")).findFirst().orElseThrow();
        assertThat(first.count()).isEqualTo(3);
        assertThat(first.lastSeenMillis()).isEqualTo(102);
        assertThat(first.message()).isEqualTo("m2");
        assertThat(first.lastRequestId()).isEqualTo("r-1");
    }

    @Test
    void failedRequestsOutliveNewerSuccessfulOnesUpToATenth() {
        ConsoleStore store = new ConsoleStore(100, 100_000_000);
        for (int i = 0; i < 30; i++) {
            ConsoleStore.Request r = store.begin(i, "GET", "/r", "failed-" + i, null, false);
            store.end(r, "/r", 500, "java.lang.IllegalStateException", 1000);
        }
        for (int i = 0; i < 1000; i++) {
            ConsoleStore.Request r = store.begin(i, "GET", "/r", "ok-" + i, null, false);
            store.end(r, "/r", 200, null, 1000);
        }
        assertThat(store.usage().get("requests")).isEqualTo(100);
        assertThat(store.usage().get("failedKept")).isEqualTo(10);
        assertThat(store.find("failed-29")).as("the newest failures are kept").isNotNull();
        assertThat(store.find("failed-19")).as("beyond a tenth, the oldest failures go").isNull();
        assertThat(store.find("ok-999")).isNotNull();
        assertThat(store.find("ok-909")).isNull();
        java.util.List<ConsoleStore.Request> recent = store.recent(r -> true, 1000);
        assertThat(recent).hasSize(100);
        assertThat(recent.get(0).requestId).isEqualTo("ok-999");
        assertThat(recent.get(recent.size() - 1).requestId).isEqualTo("failed-20");
        assertThat(store.recent(ConsoleStore.Request::failed, 1000)).hasSize(10);
    }
}
