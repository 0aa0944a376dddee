package dev.obs.errors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenThrowablesTest {

    private final SeenThrowables seen = new SeenThrowables(4);

    @Test
    void theSameInstanceIsNewOnlyOnce() {
        IllegalStateException error = new IllegalStateException("boom");
        assertThat(seen.markIfNew(error)).isTrue();
        assertThat(seen.markIfNew(error)).isFalse();
    }

    @Test
    void equalButDistinctExceptionsAreTwoErrors() {
        assertThat(seen.markIfNew(new EqualException())).isTrue();
        assertThat(seen.markIfNew(new EqualException())).isTrue();
    }

    @Test
    void aWrapperOfAReportedExceptionIsNotNew() {
        IllegalStateException cause = new IllegalStateException("inner");
        assertThat(seen.markIfNew(cause)).isTrue();
        assertThat(seen.markIfNew(new RuntimeException("outer", cause))).isFalse();
    }

    @Test
    void theCauseOfAReportedWrapperIsNotNew() {
        IllegalStateException cause = new IllegalStateException("inner");
        assertThat(seen.markIfNew(new RuntimeException("outer", cause))).isTrue();
        assertThat(seen.markIfNew(cause)).isFalse();
    }

    @Test
    void theOldestAreForgottenPastCapacity() {
        IllegalStateException first = new IllegalStateException("first");
        seen.markIfNew(first);
        for (int i = 0; i < 4; i++) {
            seen.markIfNew(new IllegalStateException("filler " + i));
        }
        assertThat(seen.markIfNew(first)).isTrue();
    }

    @Test
    void aCyclicCauseChainEnds() {
        CyclicException a = new CyclicException();
        CyclicException b = new CyclicException();
        a.next = b;
        b.next = a;
        assertThat(seen.markIfNew(a)).isTrue();
        assertThat(SeenThrowables.inChain(a, b)).isTrue();
        assertThat(SeenThrowables.inChain(a, new RuntimeException())).isFalse();
    }

    /** An exception type that claims every instance is equal, as some libraries' exceptions do. */
    private static final class EqualException extends RuntimeException {
        @Override
        public boolean equals(Object other) {
            return other instanceof EqualException;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    private static final class CyclicException extends RuntimeException {
        Throwable next;

        @Override
        public synchronized Throwable getCause() {
            return next;
        }
    }
}
