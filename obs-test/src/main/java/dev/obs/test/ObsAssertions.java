package dev.obs.test;

/**
 * Entry point of the obs assertions, for code that does not use AssertJ's own
 * {@code Assertions.assertThat} (which accepts an {@link ObsCapture} too).
 *
 * <pre>{@code
 * import static dev.obs.test.ObsAssertions.assertThat;
 *
 * assertThat(capture).timer("orders.place").hasCount(3);
 * }</pre>
 */
public final class ObsAssertions {

    private ObsAssertions() {
    }

    /** Assertions on what obs captured during the test. */
    public static ObsCaptureAssert assertThat(ObsCapture capture) {
        return new ObsCaptureAssert(capture);
    }
}
