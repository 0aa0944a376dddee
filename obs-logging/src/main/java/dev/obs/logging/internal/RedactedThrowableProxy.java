package dev.obs.logging.internal;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import dev.obs.spi.SafeMessages;
import dev.obs.redact.Redactor;

/**
 * A throwable whose messages, its causes' and its suppressed exceptions' included, pass through the
 * redactor. Only messages are redacted, never frames: redacting the rendered stack trace as text
 * would turn {@code TokenService.java:42} into {@code TokenService.java:[REDACTED]}.
 */
final class RedactedThrowableProxy implements IThrowableProxy {

    private static final IThrowableProxy[] NONE = new IThrowableProxy[0];

    private final IThrowableProxy delegate;
    private final Redactor redactor;
    private String message;
    private boolean messageRedacted;

    private RedactedThrowableProxy(IThrowableProxy delegate, Redactor redactor) {
        this.delegate = delegate;
        this.redactor = redactor;
    }

    static IThrowableProxy of(IThrowableProxy proxy, Redactor redactor) {
        if (proxy == null || proxy instanceof RedactedThrowableProxy) {
            return proxy;
        }
        return new RedactedThrowableProxy(proxy, redactor);
    }

    /** The proxy obs wrapped, e.g. Logback's {@code ThrowableProxy} that holds the throwable. */
    IThrowableProxy unwrap() {
        return delegate;
    }

    @Override
    public String getMessage() {
        // Encoded on one thread at a time; a race would only compute the same value twice.
        if (!messageRedacted) {
            message = redactor.redact(safe(delegate.getMessage()));
            messageRedacted = true;
        }
        return message;
    }

    @Override
    public String getOverridingMessage() {
        String overriding = delegate.getOverridingMessage();
        return overriding == null ? null : redactor.redact(safe(overriding));
    }

    // A database driver's message quotes the statement: the integration that saw it registered a safe one.
    private String safe(String text) {
        return delegate instanceof ThrowableProxy logback ? SafeMessages.scrub(logback.getThrowable(), text) : text;
    }

    @Override
    public String getClassName() {
        return delegate.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
        return delegate.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
        return delegate.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
        return of(delegate.getCause(), redactor);
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
        IThrowableProxy[] suppressed = delegate.getSuppressed();
        if (suppressed == null || suppressed.length == 0) {
            return NONE;
        }
        IThrowableProxy[] out = new IThrowableProxy[suppressed.length];
        for (int i = 0; i < suppressed.length; i++) {
            out[i] = of(suppressed[i], redactor);
        }
        return out;
    }

    @Override
    public boolean isCyclic() {
        return delegate.isCyclic();
    }
}
