package dev.obs.internal.http;

import dev.obs.redact.Redactor;

/**
 * A stand-in for a failure that core logs through {@code System.Logger} when no obs logging module
 * redacts log output: same class name in the message, same stack frames, causes copied the same
 * way, but every message passed through the redactor.
 */
final class RedactedFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_DEPTH = 16;

    private RedactedFailure(String message, RedactedFailure cause) {
        super(message, cause, false, true);
    }

    static RedactedFailure of(Throwable failure, Redactor redactor) {
        return copy(failure, redactor, 0);
    }

    private static RedactedFailure copy(Throwable failure, Redactor redactor, int depth) {
        Throwable cause = failure.getCause();
        RedactedFailure copiedCause = cause != null && cause != failure && depth < MAX_DEPTH ? copy(cause, redactor, depth + 1) : null;
        String message = dev.obs.spi.SafeMessages.messageOf(failure);
        RedactedFailure copy = new RedactedFailure(failure.getClass().getName()
                + (message == null ? "" : ": " + redactor.redact(message)), copiedCause);
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    @Override
    public String toString() {
        return getMessage(); // already "ClassName: message", like the original's toString()
    }
}
