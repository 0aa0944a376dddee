package com.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.obs.Observability;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UnwovenServiceTest {

    @AfterEach
    void reset() {
        Observability.resetForTesting();
    }

    @Test
    void installNamesTheAnnotatedClassThatWasNotWoven() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            Observability.builder().set("obs.admin.port", "0").shutdownHook(false).install();
        } finally {
            System.setErr(original);
        }

        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("not woven")).toList();
        assertEquals(List.of("obs: @Traced/@Timed methods of 1 class were compiled but not woven, so only calls through "
                + "Observability.instrument(..) proxies are observed: com.acme.Inventory; run obs-maven-plugin's weave goal "
                + "after compiling (an IDE build skips it: see docs/annotations.md)"), lines);

        assertEquals(4, new Inventory().available("sku1"));
        assertTrue(RecordingModule.EVENTS.isEmpty(), "an unwoven method is not observed");
    }
}
