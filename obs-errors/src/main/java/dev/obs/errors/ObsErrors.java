package dev.obs.errors;

import dev.obs.errors.internal.ErrorsRuntime;
import java.util.List;

/**
 * What the errors module captured, for tests and consoles, and a way to report an exception the
 * application handled itself.
 *
 * <pre>{@code
 * try {
 *     payments.charge(order);
 * } catch (PaymentException e) {
 *     ObsErrors.capture(e);          // one Sentry event, tagged with the current request's IDs
 *     return fallback(order);
 * }
 *
 * // in a test
 * assertThat(ObsErrors.recent()).extracting(CapturedError::exceptionType)
 *         .containsExactly("com.acme.PaymentException");
 * }</pre>
 *
 * <p>Before {@code Observability.install()}, or without {@code obs-errors} started, {@code recent()}
 * is empty and {@code capture} does nothing.
 */
public final class ObsErrors {

    /** How many errors {@link #recent()} keeps; older ones are forgotten first. */
    public static final int RECENT_CAPACITY = ErrorsRuntime.RECENT_CAPACITY;

    private ObsErrors() {
    }

    /**
     * The errors captured since the errors module last started, oldest first, at most
     * {@value #RECENT_CAPACITY}. Every captured error is here, whether or not it was sent to Sentry.
     */
    public static List<CapturedError> recent() {
        return ErrorsRuntime.recent();
    }

    /**
     * Reports {@code error} as an error event with the current context's IDs. Inside an observed
     * request the event is sent when the request ends, so that it carries the response status; an
     * exception already reported (or later reported again) gives one event only.
     */
    public static void capture(Throwable error) {
        ErrorsRuntime.captureManual(error);
    }
}
