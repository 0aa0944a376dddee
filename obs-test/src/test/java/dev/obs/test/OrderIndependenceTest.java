package dev.obs.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Observability;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/** Each test sees only its own signals, whichever ran before. */
@ObsTest
@TestMethodOrder(MethodOrderer.Random.class)
class OrderIndependenceTest {

    @Test
    void first(ObsCapture capture, Observability obs) {
        produceOneOfEach(obs, "first");
        assertOnlyOneOfEach(capture, "first");
    }

    @Test
    void second(ObsCapture capture, Observability obs) {
        produceOneOfEach(obs, "second");
        assertOnlyOneOfEach(capture, "second");
    }

    @RepeatedTest(3)
    void repeated(ObsCapture capture, Observability obs) {
        produceOneOfEach(obs, "repeated");
        assertOnlyOneOfEach(capture, "repeated");
    }

    private static void produceOneOfEach(Observability obs, String name) {
        obs.trace(name, () -> {
            LoggerFactory.getLogger(OrderIndependenceTest.class).info("in {}", name);
            obs.time("work", () -> { });
            dev.obs.errors.ObsErrors.capture(new IllegalStateException(name));
        });
    }

    private static void assertOnlyOneOfEach(ObsCapture capture, String name) {
        assertThat(capture).spans().hasSize(1).hasNames(name);
        assertThat(capture).logs().hasSize(1).withMessage("in " + name);
        assertThat(capture).logs().everyLineCarriesTraceId();
        assertThat(capture).timer("work").hasCount(1);
        assertThat(capture).errors().single().hasMessage(name).isTaggedWithTraceId(capture.span(name).getTraceId());
    }
}
