package com.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.obs.Observability;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WovenServiceTest {

    private String installOutput;

    @BeforeEach
    void install() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            Observability.builder().set("obs.admin.port", "0").shutdownHook(false).install();
        } finally {
            System.setErr(original);
        }
        installOutput = err.toString(StandardCharsets.UTF_8);
        RecordingModule.EVENTS.clear();
        RecordingModule.ERRORS.clear();
    }

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    @Test
    void everyWovenMethodIsObservedOnceInCallOrder() {
        assertEquals("order-ADA-21", new OrderService().placeOrder("ada"));

        assertEquals(List.of(
                "enter OrderService.placeOrder span=OrderService.placeOrder timer=orders.place",
                "enter OrderService.reserve span=inventory.reserve timer=null",
                "leave OrderService.reserve", "complete OrderService.reserve",
                "enter OrderService.sequence span=null timer=method.timed",
                "leave OrderService.sequence", "complete OrderService.sequence",
                "leave OrderService.placeOrder", "complete OrderService.placeOrder"), RecordingModule.EVENTS);
    }

    @Test
    void primitiveArgumentsAndResultsAreUntouched() {
        assertEquals(15.5, new OrderService().total(10.5, true));
        assertEquals(3, RecordingModule.EVENTS.size());
    }

    @Test
    void aThrownExceptionIsTheSameInstanceWithTheOriginalLine() throws Exception {
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> new OrderService().cancel("o-1"));

        assertSame(thrown, RecordingModule.ERRORS.get(0));
        assertEquals("complete OrderService.cancel error=IllegalStateException", RecordingModule.EVENTS.get(2));
        StackTraceElement top = thrown.getStackTrace()[0];
        assertEquals("com.acme.OrderService", top.getClassName());
        assertEquals("cancel", top.getMethodName());
        assertEquals(lineOf("src/main/java/com/acme/OrderService.java", "CANCEL-THROWS"), top.getLineNumber());
    }

    @Test
    void aCompletableFutureCompletesTheObservationWhenItIsDone() {
        CompletableFuture<String> carrier = new CompletableFuture<>();
        CompletableFuture<String> shipped = new OrderService().ship(carrier);
        assertEquals(List.of("enter OrderService.ship span=OrderService.ship timer=null", "leave OrderService.ship"),
                RecordingModule.EVENTS);

        carrier.complete("TRK-1");

        assertEquals("shipped TRK-1", shipped.join());
        assertEquals("complete OrderService.ship", RecordingModule.EVENTS.get(2));
    }

    @Test
    void aClassAnnotationCoversItsPublicMethods() {
        assertEquals(11, new Billing().charge(10));

        assertEquals(List.of("enter Billing.charge span=Billing.charge timer=null", "leave Billing.charge",
                "complete Billing.charge"), RecordingModule.EVENTS);
    }

    @Test
    void testClassesAreWovenByWeaveTests() {
        assertEquals(42L, new TestClock().now());
        assertEquals("enter TestClock.now span=TestClock.now timer=null", RecordingModule.EVENTS.get(0));
    }

    @Test
    void installDoesNotReportAnythingUnwoven() {
        assertFalse(installOutput.contains("not woven"), installOutput);
    }

    private static int lineOf(String file, String marker) throws Exception {
        List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker);
    }
}
